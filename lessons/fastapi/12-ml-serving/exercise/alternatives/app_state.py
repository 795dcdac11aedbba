# The model lives on app.state; Annotated constraints; plain dicts returned.
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Request
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



@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.model = LinearModel.load()
    yield
    del app.state.model


app = FastAPI(lifespan=lifespan)


class HouseFeatures(BaseModel):
    rooms: Annotated[int, Field(ge=1, le=20)]
    area_m2: Annotated[float, Field(gt=0)]
    distance_km: Annotated[float, Field(ge=0)]


class Batch(BaseModel):
    items: Annotated[list[HouseFeatures], Field(min_length=1, max_length=100)]


def answer(price: float) -> dict:
    return {"price": round(price, 2), "model_version": "1.0"}


@app.post("/predict")
def predict(features: HouseFeatures, request: Request):
    [price] = request.app.state.model.predict([[features.rooms, features.area_m2, features.distance_km]])
    return answer(price)


@app.post("/predict/batch")
def predict_batch(batch: Batch, request: Request):
    rows = [[item.rooms, item.area_m2, item.distance_km] for item in batch.items]
    return [answer(price) for price in request.app.state.model.predict(rows)]
