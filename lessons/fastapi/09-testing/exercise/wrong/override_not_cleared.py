# Never clears the override, so the fake user leaks into the next test (test_me_without_token then fails).
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.testclient import TestClient
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


client = TestClient(app)


def test_me_with_override():
    app.dependency_overrides[get_current_user] = lambda: {"username": "tester"}
    response = client.get("/me")
    assert response.status_code == 200
    assert response.json() == {"username": "tester"}


def test_me_without_token():
    assert client.get("/me").status_code == 401


def test_item_rejects_negative_price():
    assert client.post("/items", json={"name": "Pen", "price": -1}).status_code == 422
