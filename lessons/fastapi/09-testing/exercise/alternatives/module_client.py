# One module-level client, override removed with pop() in a finally, status constants.
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, status
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
TESTER = {"username": "tester"}


def test_me_with_override():
    app.dependency_overrides[get_current_user] = lambda: TESTER
    try:
        response = client.get("/me")
    finally:
        app.dependency_overrides.pop(get_current_user, None)
    assert response.status_code == status.HTTP_200_OK, response.text
    assert response.json() == TESTER


def test_me_without_token():
    response = client.get("/me")
    assert response.status_code == status.HTTP_401_UNAUTHORIZED


def test_item_rejects_negative_price():
    response = client.post("/items", json={"name": "Pen", "price": -1})
    assert response.status_code == status.HTTP_422_UNPROCESSABLE_CONTENT
