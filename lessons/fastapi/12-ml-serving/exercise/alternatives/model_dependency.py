# A get_model dependency over models["price"], try/finally in the lifespan, conlist and response_model.
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic import BaseModel, Field, conlist


class LinearModel:
    """A tiny stand-in for a trained model: price = bias + sum(weight * feature)."""

    loads = 0

    def __init__(self):
        self.weights = [15_000.0, 2_500.0, -4_000.0]
        self.bias = 50_000.0

    @classmethod
    def load(cls):
        cls.loads += 1
        return cls()

    def predict(self, rows):
        return [self.bias + sum(w * x for w, x in zip(self.weights, row)) for row in rows]



models: dict[str, LinearModel] = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    models["price"] = LinearModel.load()
    try:
        yield
    finally:
        models.pop("price", None)


def get_model() -> LinearModel:
    return models["price"]


Model = Annotated[LinearModel, Depends(get_model)]
app = FastAPI(lifespan=lifespan)


class HouseFeatures(BaseModel):
    rooms: int = Field(ge=1, le=20)
    area_m2: float = Field(gt=0)
    distance_km: float = Field(ge=0)


class Prediction(BaseModel):
    price: float
    model_version: str


class Batch(BaseModel):
    items: conlist(HouseFeatures, min_length=1, max_length=100)


def to_row(features: HouseFeatures) -> list[float]:
    return [features.rooms, features.area_m2, features.distance_km]


@app.post("/predict", response_model=Prediction)
async def predict(features: HouseFeatures, model: Model):
    return Prediction(price=round(model.predict([to_row(features)])[0], 2), model_version="1.0")


@app.post("/predict/batch", response_model=list[Prediction])
async def predict_batch(batch: Batch, model: Model):
    return [Prediction(price=round(p, 2), model_version="1.0") for p in model.predict(list(map(to_row, batch.items)))]
