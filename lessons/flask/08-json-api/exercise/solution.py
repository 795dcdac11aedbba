import itertools

from flask import Flask, request, url_for

app = Flask(__name__)
TASKS = {}
TASK_IDS = itertools.count(1)


@app.post("/api/tasks")
def create_task():
    data = request.get_json(silent=True)
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title.strip():
        return {"errors": {"title": "title is required and must be a non-empty string"}}, 400
    task = {"id": next(TASK_IDS), "title": title.strip(), "done": False}
    TASKS[task["id"]] = task
    return task, 201, {"Location": url_for("get_task", task_id=task["id"])}


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    task = TASKS.get(task_id)
    if task is None:
        return {"error": f"No task with id {task_id}"}, 404
    return task
