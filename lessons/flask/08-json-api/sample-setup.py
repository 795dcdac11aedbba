# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds the tasks API from the lesson's code blocks (list_tasks in its
# grown-up form with filtering and paging), so the samples can use `app` as the prose does.
import itertools

from flask import Flask, request, url_for

app = Flask(__name__)
TASKS = {}
TASK_IDS = itertools.count(1)


@app.get("/api/tasks")
def list_tasks():
    limit = request.args.get("limit", 20, type=int)
    offset = request.args.get("offset", 0, type=int)
    if not 1 <= limit <= 100 or offset < 0:
        return {"errors": {"limit": "limit must be 1-100 and offset 0 or more"}}, 400
    wanted = request.args.get("done")
    tasks = [t for t in TASKS.values() if wanted is None or t["done"] == (wanted == "true")]
    return {"tasks": tasks[offset:offset + limit], "total": len(tasks)}


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    task = TASKS.get(task_id)
    if task is None:
        return {"error": f"No task with id {task_id}"}, 404
    return task


def validate_task(data, partial=False):
    if not isinstance(data, dict):
        return None, {"body": "Send a JSON object"}
    errors = {}
    if "title" in data or not partial:
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            errors["title"] = "title is required and must be a non-empty string"
    if "done" in data and not isinstance(data["done"], bool):
        errors["done"] = "done must be true or false"
    if errors:
        return None, errors
    clean = {key: data[key] for key in ("title", "done") if key in data}
    if "title" in clean:
        clean["title"] = clean["title"].strip()
    return clean, None


@app.post("/api/tasks")
def create_task():
    clean, errors = validate_task(request.get_json(silent=True))
    if errors:
        return {"errors": errors}, 400
    task_id = next(TASK_IDS)
    task = {"id": task_id, "title": clean["title"], "done": clean.get("done", False)}
    TASKS[task_id] = task
    return task, 201, {"Location": url_for("get_task", task_id=task_id)}


@app.patch("/api/tasks/<int:task_id>")
def update_task(task_id):
    task = TASKS.get(task_id)
    if task is None:
        return {"error": f"No task with id {task_id}"}, 404
    clean, errors = validate_task(request.get_json(silent=True), partial=True)
    if errors:
        return {"errors": errors}, 400
    task.update(clean)
    return task


@app.delete("/api/tasks/<int:task_id>")
def delete_task(task_id):
    if TASKS.pop(task_id, None) is None:
        return {"error": f"No task with id {task_id}"}, 404
    return "", 204
