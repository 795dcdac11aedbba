# The app from the lesson's first sample, without its requests: the model, the lifespan and /predict.
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field


class LinearModel:
    """Stands in for a trained model: price = bias + sum(weight * feature)."""

    def __init__(self, weights: list[float], bias: float):
        self.weights = weights
        self.bias = bias

    @classmethod
    def load(cls) -> "LinearModel":
        print("loading model")  # a real load would read a file here
        return cls(weights=[25_000.0, 3_000.0, -4_000.0], bias=50_000.0)

    def predict(self, rows: list[list[float]]) -> list[float]:
        return [self.bias + sum(w * x for w, x in zip(self.weights, row)) for row in rows]


models: dict[str, LinearModel] = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    models["price"] = LinearModel.load()
    yield
    models.clear()


app = FastAPI(lifespan=lifespan)


class HouseFeatures(BaseModel):
    rooms: int = Field(ge=1, le=20)
    area_m2: float = Field(gt=0, le=2000)
    distance_km: float = Field(ge=0)


class Prediction(BaseModel):
    price: float
    model_version: str


@app.post("/predict")
def predict(features: HouseFeatures) -> Prediction:
    row = [features.rooms, features.area_m2, features.distance_km]
    price = models["price"].predict([row])[0]
    return Prediction(price=round(price, 2), model_version="2026-11")

