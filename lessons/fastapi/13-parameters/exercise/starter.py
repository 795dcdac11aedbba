import itertools
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Path, Query, UploadFile
from pydantic import BaseModel, Field

app = FastAPI()
ids = itertools.count(1)


class NewItem(BaseModel):
    name: str = Field(min_length=1)
    price: float = Field(gt=0)
    tags: list[str] = []
    description: str | None = None


class Item(NewItem):
    id: int


ITEMS: dict[int, Item] = {}


# Given: leave it as it is. The checks create their items here.
@app.post("/items", status_code=201)
def create_item(new: NewItem) -> Item:
    item = Item(id=next(ids), **new.model_dump())
    ITEMS[item.id] = item
    return item


# Given: leave it as it is.
@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


# TODO: require the X-Client-Version header, keep limit within 1..50, accept ?tag= more than once.
@app.get("/items")
def list_items(limit: int = 10, tag: str | None = None) -> list[Item]:
    found = [item for item in ITEMS.values() if tag is None or tag in item.tags]
    return found[:limit]


# TODO: a model for partial updates, and a PATCH that changes only the fields sent.
@app.patch("/items/{item_id}")
def update_item(item_id: int, changes: NewItem) -> Item:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    ITEMS[item_id] = Item(id=item_id, **changes.model_dump())
    return ITEMS[item_id]


# TODO: take an uploaded file in the form field "file" and describe it.
@app.post("/items/{item_id}/attachment")
def add_attachment(item_id: int):
    raise HTTPException(status_code=501, detail="Not written yet")
