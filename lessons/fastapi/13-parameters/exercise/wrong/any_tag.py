# Wrong: items carrying ANY of the tags come back, not only those carrying every tag.
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
    found = [item for item in ITEMS.values() if not wanted or wanted & set(item.tags)]
    return found[:limit]


class ItemUpdate(BaseModel):
    name: str | None = Field(None, min_length=1)
    price: float | None = Field(None, gt=0)
    tags: list[str] | None = None
    description: str | None = None

    @field_validator("name", "price", "tags")
    @classmethod
    def not_null(cls, value):
        # Runs only for fields the client sent: Pydantic does not validate defaults.
        if value is None:
            raise ValueError("may be left out, but not set to null")
        return value


@app.patch("/items/{item_id}")
def update_item(item_id: Annotated[int, Path(gt=0)], changes: ItemUpdate) -> Item:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    ITEMS[item_id] = item.model_copy(update=changes.model_dump(exclude_unset=True))
    return ITEMS[item_id]


@app.post("/items/{item_id}/attachment")
async def add_attachment(item_id: Annotated[int, Path(gt=0)], file: UploadFile):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id, "filename": file.filename, "content_type": file.content_type, "size": file.size}
