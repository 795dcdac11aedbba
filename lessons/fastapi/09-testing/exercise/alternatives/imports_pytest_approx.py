# Review finding (a), now accepted: `import pytest` works (the runner provides raises, approx, parametrize and fixtures); here for pytest.approx.
# Tests for a small API. The API is not in this file: your tests talk to it over HTTP.
#
#   GET  /me      with the header  Authorization: Bearer real-token  ->  200 and {"username": "ada"}
#                 without it (or with another token)                 ->  401 and {"detail": "Not signed in"}
#   POST /items   with JSON {"name": "...", "price": <a number above 0>}  ->  201 and the new item,
#                     {"id": <a number>, "name": "...", "price": ...}
#                 with a price of 0 or less                               ->  422 (a validation error)
#   GET  /items/<id>                                                      ->  200 and that item, or 404
#
# Each test receives `client`, which works like FastAPI's TestClient: client.get(url, headers=...),
# client.post(url, json=...), and responses with .status_code, .json() and .text.
# The tests share one running API, in the order they are written. It already holds other items and
# ids do not start at 1 (both change from run to run), so use the id the API returns.

import pytest

TOKEN = {"Authorization": "Bearer real-token"}


def test_me_with_token(client):
    response = client.get("/me", headers=TOKEN)
    assert response.status_code == 200
    assert response.json() == {"username": "ada"}


def test_me_without_token(client):
    assert client.get("/me").status_code == 401


def test_item_rejects_negative_price(client):
    response = client.post("/items", json={"name": "Pen", "price": -1})
    assert response.status_code == 422


def test_item_is_created(client):
    response = client.post("/items", json={"name": "Pen", "price": 2.1})
    assert response.status_code == 201
    item = client.get(f"/items/{response.json()['id']}").json()
    assert item["price"] == pytest.approx(2.1)
