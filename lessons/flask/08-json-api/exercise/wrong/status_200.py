# Works, but answers 200 instead of 201 and sends no Location header.
import itertools

from flask import Flask, request

app = Flask(__name__)
TASKS = {}
IDS = itertools.count(1)


@app.post("/api/tasks")
def create_task():
    data = request.get_json(silent=True)
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title.strip():
        return {"errors": {"title": "required"}}, 400
    task = {"id": next(IDS), "title": title.strip(), "done": False}
    TASKS[task["id"]] = task
    return task


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    task = TASKS.get(task_id)
    return task if task else ({"error": "not found"}, 404)
