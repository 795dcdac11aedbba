# The lifespan loads the model, but both endpoints build a fresh LinearModel() per request and ignore models["price"].
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel, Field


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


models = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    models["price"] = LinearModel.load()
    yield
    models.clear()


app = FastAPI(lifespan=lifespan)


class HouseFeatures(BaseModel):
    rooms: int = Field(ge=1, le=20)
    area_m2: float = Field(gt=0)
    distance_km: float = Field(ge=0)

    def row(self):
        return [self.rooms, self.area_m2, self.distance_km]


class Prediction(BaseModel):
    price: float
    model_version: str = "1.0"


class Batch(BaseModel):
    items: list[HouseFeatures] = Field(min_length=1, max_length=100)


@app.post("/predict")
def predict(features: HouseFeatures) -> Prediction:
    price = LinearModel().predict([features.row()])[0]
    return Prediction(price=round(price, 2))


@app.post("/predict/batch")
def predict_batch(batch: Batch) -> list[Prediction]:
    prices = LinearModel().predict([item.row() for item in batch.items])
    return [Prediction(price=round(price, 2)) for price in prices]
