# Wrong: the PATCH applies and stores one field at a time, so in {"name": ..., "price": -1} the name is saved
# before the price is refused: a 422 that still changed the item.
import itertools
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Path, Query, UploadFile
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

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


class ItemUpdate(BaseModel):
    name: str | None = None
    price: float | None = None
    tags: list[str] | None = None
    description: str | None = None


@app.patch("/items/{item_id}")
def update_item(item_id: Annotated[int, Path(gt=0)], changes: ItemUpdate) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    for field, value in changes.model_dump(exclude_unset=True).items():
        try:
            ITEMS[item_id] = Item.model_validate({**ITEMS[item_id].model_dump(), field: value})
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_context=False)) from exc
    return ITEMS[item_id]


@app.post("/items/{item_id}/attachment")
async def add_attachment(item_id: Annotated[int, Path(gt=0)], file: UploadFile):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id, "filename": file.filename, "content_type": file.content_type, "size": file.size}
