# Bug: crashes with a 500 error instead of answering 404 for a missing task
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
    return TASKS[task_id]
