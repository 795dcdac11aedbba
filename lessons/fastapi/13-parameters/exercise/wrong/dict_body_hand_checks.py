# Wrong (answers exactly the cases it expects to be sent): the PATCH body is a plain dict with hand-written
# checks for null, an empty name and a price of 0 or less; nothing checks types, so {"price": "cheap"} is a 500
# and {"tags": "tea"} is stored as a string.
import itertools
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Path, Query, UploadFile
from pydantic import BaseModel, Field, field_validator

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


@app.get("/items")
def list_items(
    x_client_version: Annotated[str, Header()],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    tag: Annotated[list[str], Query()] = [],
) -> list[Item]:
    wanted = set(tag)
    found = [item for item in ITEMS.values() if wanted <= set(item.tags)]
    return found[:limit]


@app.patch("/items/{item_id}")
def update_item(item_id: Annotated[int, Path(gt=0)], changes: dict) -> Item:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    if any(key in changes and changes[key] is None for key in ("name", "price", "tags")):
        raise HTTPException(status_code=422, detail="may not be null")
    if "price" in changes and changes["price"] <= 0:
        raise HTTPException(status_code=422, detail="price must be above 0")
    if changes.get("name") == "":
        raise HTTPException(status_code=422, detail="name is empty")
    ITEMS[item_id] = item.model_copy(update=changes)
    return ITEMS[item_id]


@app.post("/items/{item_id}/attachment")
async def add_attachment(item_id: Annotated[int, Path(gt=0)], file: UploadFile):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id, "filename": file.filename, "content_type": file.content_type, "size": file.size}
