# Bug: answers 200 instead of 201 when it creates a task
import itertools

from flask import Flask, request

app = Flask(__name__)
TASKS = {}
TASK_IDS = itertools.count(1)


@app.post("/api/tasks")
def create_task():
    task = {"id": next(TASK_IDS), "title": request.get_json()["title"]}
    TASKS[task["id"]] = task
    return task, 200


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    if task_id not in TASKS:
        return {"error": "not found"}, 404
    return TASKS[task_id]
