# Bug: saves the task with a different title than the one sent
import itertools

from flask import Flask, request

app = Flask(__name__)
TASKS = {}
TASK_IDS = itertools.count(1)


@app.post("/api/tasks")
def create_task():
    task = {"id": next(TASK_IDS), "title": request.get_json()["title"].title() + "!"}
    TASKS[task["id"]] = task
    return task, 201


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    if task_id not in TASKS:
        return {"error": "not found"}, 404
    return TASKS[task_id]
