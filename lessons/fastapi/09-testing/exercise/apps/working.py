# The API as it should work: the learner's tests must all pass against it.
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
    price: float = Field(gt=0)


@app.get("/me")
def me(user: Annotated[dict, Depends(get_current_user)]):
    return user


@app.post("/items", status_code=201)
def create_item(item: Item):
    return item
