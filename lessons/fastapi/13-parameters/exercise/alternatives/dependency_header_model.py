# The list filters gathered by a dependency (Depends) and the header read through a header model
# (Annotated[ClientHeaders, Header()]); the PATCH model refuses nulls in a model_validator that looks
# at the raw JSON before the fields are validated.
import itertools
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Header, HTTPException, Path, Query, UploadFile
from pydantic import BaseModel, Field, model_validator

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


class ClientHeaders(BaseModel):
    x_client_version: str


def item_filters(
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    tag: Annotated[list[str] | None, Query()] = None,
) -> dict:
    return {"limit": limit, "tags": set(tag or ())}


@app.get("/items")
def list_items(
    headers: Annotated[ClientHeaders, Header()],
    filters: Annotated[dict, Depends(item_filters)],
) -> list[Item]:
    matching = (item for item in ITEMS.values() if filters["tags"].issubset(item.tags))
    return list(itertools.islice(matching, filters["limit"]))


class ItemUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1)
    price: float | None = Field(default=None, gt=0)
    tags: list[str] | None = None
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def refuse_null_for_required(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = [name for name in ("name", "price", "tags") if name in data and data[name] is None]
            if nulls:
                raise ValueError(f"{', '.join(nulls)} may be left out, but not set to null")
        return data


@app.patch("/items/{item_id}")
def update_item(item_id: Annotated[int, Path(gt=0)], changes: ItemUpdate) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    sent = changes.model_dump(exclude_unset=True)
    ITEMS[item_id] = ITEMS[item_id].model_copy(update=sent)
    return ITEMS[item_id]


@app.post("/items/{item_id}/attachment", status_code=201)
async def add_attachment(
    item_id: Annotated[int, Path(gt=0)],
    file: Annotated[UploadFile, File(description="The file to attach")],
):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id, "filename": file.filename, "content_type": file.content_type, "size": file.size}
