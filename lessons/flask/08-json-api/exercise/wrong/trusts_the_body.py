# The anti-pattern the lesson warns against: no validation, request.get_json() without silent=True,
# so a form body or a missing title crashes (400/500 by accident) and a blank title is stored.
import itertools

from flask import Flask, request, url_for

app = Flask(__name__)
TASKS = {}
IDS = itertools.count(1)


@app.post("/api/tasks")
def create_task():
    data = request.get_json()
    task = {"id": next(IDS), "title": data.get("title"), "done": False}
    TASKS[task["id"]] = task
    return task, 201, {"Location": url_for("get_task", task_id=task["id"])}


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    task = TASKS.get(task_id)
    if task is None:
        return {"error": "not found"}, 404
    return task
