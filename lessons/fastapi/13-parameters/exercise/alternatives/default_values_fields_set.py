# The older default-value style (Query(10, ...), Header(), Path(gt=0), File()) instead of Annotated, a
# synchronous upload that reads the spooled file, and the PATCH merged by hand over model_fields_set
# (the names the client sent), with nulls for required fields refused in the endpoint.
import itertools

from fastapi import FastAPI, File, Header, HTTPException, Path, Query, UploadFile
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


@app.get("/items", response_model=list[Item])
def list_items(
    limit: int = Query(10, ge=1, le=50),
    tag: list[str] = Query([]),
    x_client_version: str = Header(),
):
    found = [item for item in ITEMS.values() if all(wanted in item.tags for wanted in tag)]
    return found[:limit]


class ItemUpdate(BaseModel):
    name: str | None = Field(None, min_length=1)
    price: float | None = Field(None, gt=0)
    tags: list[str] | None = None
    description: str | None = None


REQUIRED = {"name", "price", "tags"}  # may be left out, never cleared


@app.patch("/items/{item_id}", response_model=Item)
def update_item(changes: ItemUpdate, item_id: int = Path(gt=0)):
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    nulls = sorted(field for field in changes.model_fields_set & REQUIRED if getattr(changes, field) is None)
    if nulls:
        raise HTTPException(status_code=422, detail=f"{', '.join(nulls)} cannot be null")
    data = item.model_dump()
    for field in changes.model_fields_set:
        data[field] = getattr(changes, field)
    ITEMS[item_id] = Item(**data)
    return ITEMS[item_id]


@app.post("/items/{item_id}/attachment", status_code=201)
def add_attachment(item_id: int = Path(gt=0), file: UploadFile = File()):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    content = file.file.read()
    return {"item_id": item_id, "filename": file.filename, "content_type": file.content_type, "size": len(content)}
