# Bug: refuses a negative price with 400 instead of 422
import itertools
import random
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()


def get_current_user(authorization: Annotated[str | None, Header()] = None) -> dict:
    if authorization != "Bearer real-token":
        raise HTTPException(status_code=401, detail="Not signed in")
    return {"username": "ada"}


class Item(BaseModel):
    name: str
    price: float


@app.get("/me")
def me(user: Annotated[dict, Depends(get_current_user)]):
    return user


# An API that has been used before, differently on every run: ids start past 1 and some items exist.
ITEM_IDS = itertools.count(random.randint(2, 400))
ITEMS = {}
for _ in range(random.randint(1, 5)):
    older = {"id": next(ITEM_IDS), "name": random.choice(["Mug", "Lamp", "Kettle"]), "price": 9.5}
    ITEMS[older["id"]] = older


@app.post("/items", status_code=201)
def create_item(item: Item):
    if item.price <= 0:
        raise HTTPException(status_code=400, detail="price must be positive")
    new = {"id": next(ITEM_IDS), **item.model_dump()}
    ITEMS[new["id"]] = new
    return new


@app.get("/items/{item_id}")
def read_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]
