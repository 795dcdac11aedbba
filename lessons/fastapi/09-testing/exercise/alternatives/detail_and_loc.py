# Asserts the error bodies too: the 401's detail, and the 422 pinned to the price field.
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


def test_me_with_token(client):
    response = client.get("/me", headers={"Authorization": "Bearer real-token"})
    assert (response.status_code, response.json()) == (200, {"username": "ada"})


def test_me_without_token(client):
    response = client.get("/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not signed in"}


def test_item_rejects_negative_price(client):
    response = client.post("/items", json={"name": "Pen", "price": -1})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "price"]]


def test_item_with_positive_price_is_created(client):
    response = client.post("/items", json={"name": "Pen", "price": 2.5})
    assert response.status_code == 201
    item = response.json()
    assert item == {"id": item["id"], "name": "Pen", "price": 2.5}
    assert client.get(f"/items/{item['id']}").json() == item
