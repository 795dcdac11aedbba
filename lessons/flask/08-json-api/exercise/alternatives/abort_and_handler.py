# Errors raised with abort() and turned into JSON by error handlers; ids from max() + 1 of a list
# that never shrinks (this API has no delete).
import itertools

from flask import Flask, abort, request, url_for

app = Flask(__name__)
TASKS = []
IDS = itertools.count(1)


@app.errorhandler(404)
def not_found(error):
    return {"error": "No such task"}, 404


@app.post("/api/tasks")
def create_task():
    if not request.is_json:
        return {"errors": {"title": "Send JSON"}}, 400
    data = request.get_json(silent=True) or {}
    title = data.get("title") if isinstance(data, dict) else None
    if not (isinstance(title, str) and title.strip()):
        return {"errors": {"title": "Required"}}, 400
    task = dict(id=next(IDS), title=title.strip(), done=False)
    TASKS.append(task)
    return task, 201, {"Location": url_for("get_task", task_id=task["id"])}


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    for task in TASKS:
        if task["id"] == task_id:
            return task
    abort(404)
