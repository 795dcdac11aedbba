# A client per test in a with block, a named fake dependency, and the 422 pinned to the price field.
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


def fake_user():
    return {"username": "tester"}


def test_me_with_override():
    app.dependency_overrides[get_current_user] = fake_user
    try:
        with TestClient(app) as client:
            response = client.get("/me")
        assert (response.status_code, response.json()) == (200, {"username": "tester"})
    finally:
        app.dependency_overrides.clear()


def test_me_without_token():
    with TestClient(app) as client:
        response = client.get("/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not signed in"}


def test_item_rejects_negative_price():
    with TestClient(app) as client:
        response = client.post("/items", json={"name": "Pen", "price": -1})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "price"]]
