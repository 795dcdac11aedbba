# Expects 200 from the create instead of 201; the message names the failing status line and no longer blames changing data (review finding (c)).
# Tests for a small tasks API. The API is not in this file: your tests talk to it over HTTP.
#
#   POST /api/tasks  with JSON {"title": "..."}  ->  201 and the new task, {"id": <a number>, "title": "..."}
#   GET  /api/tasks/<id>                         ->  200 and that task, or 404 and {"error": "not found"}
#
# Each test receives `client`, which works like Flask's app.test_client(): client.get(...),
# client.post(..., json=...), and responses with .status_code, .get_json() (or .json), .data and .headers.
# The tests share one running API, in the order they are written. It already holds other tasks and
# ids do not start at 1 (both change from run to run), so use the id the API returns.


def test_create_task(client):
    response = client.post("/api/tasks", json={"title": "Read"})
    assert response.status_code == 200
    assert response.get_json()["title"] == "Read"


def test_missing_task(client):
    response = client.get("/api/tasks/999")
    assert response.status_code == 404
