# Status constants from fastapi, the response text in assertion messages, and a wrong token as well as none.
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

from fastapi import status


def test_me_with_token(client):
    response = client.get("/me", headers={"Authorization": "Bearer real-token"})
    assert response.status_code == status.HTTP_200_OK, response.text
    assert response.json()["username"] == "ada"


def test_me_without_token(client):
    for headers in ({}, {"Authorization": "Bearer not-the-token"}):
        response = client.get("/me", headers=headers)
        assert response.status_code == status.HTTP_401_UNAUTHORIZED, response.text


def test_item_rejects_negative_price(client):
    response = client.post("/items", json={"name": "Pen", "price": -1})
    assert response.status_code == status.HTTP_422_UNPROCESSABLE_CONTENT, response.text
