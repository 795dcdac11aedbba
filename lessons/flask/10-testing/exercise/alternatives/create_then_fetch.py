# The create test also fetches the new task back; response.json and assertion messages.
import itertools

from flask import Flask, request

app = Flask(__name__)
TASKS = {}
TASK_IDS = itertools.count(1)


@app.post("/api/tasks")
def create_task():
    task = {"id": next(TASK_IDS), "title": request.get_json()["title"]}
    TASKS[task["id"]] = task
    return task, 201


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    if task_id not in TASKS:
        return {"error": "not found"}, 404
    return TASKS[task_id]


def test_create_task(client):
    created = client.post("/api/tasks", json={"title": "Read"})
    assert created.status_code == 201, created.data
    task = created.json
    assert task["title"] == "Read"
    fetched = client.get(f"/api/tasks/{task['id']}")
    assert fetched.status_code == 200
    assert fetched.json == task


def test_missing_task(client):
    response = client.get("/api/tasks/999")
    assert response.status_code == 404, f"expected 404, got {response.status_code}"
    assert "error" in response.json
