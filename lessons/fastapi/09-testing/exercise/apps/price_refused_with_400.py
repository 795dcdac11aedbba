# Bug: refuses a negative price with 400 instead of 422
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


@app.post("/items", status_code=201)
def create_item(item: Item):
    if item.price <= 0:
        raise HTTPException(status_code=400, detail="price must be positive")
    return item
