# A module-level counter, as the lesson's first example does, and jsonify with an explicit status.
from flask import Flask, jsonify, request

app = Flask(__name__)
TASKS = {}
NEXT_ID = 1


def title_error(data):
    if not isinstance(data, dict):
        return "send a JSON object"
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return "title must be a non-empty string"
    return None


@app.route("/api/tasks", methods=["POST"])
def create_task():
    global NEXT_ID
    data = request.get_json(silent=True)
    problem = title_error(data)
    if problem:
        return jsonify(errors={"title": problem}), 400
    task = {"id": NEXT_ID, "title": data["title"].strip(), "done": False}
    NEXT_ID += 1
    TASKS[task["id"]] = task
    response = jsonify(task)
    response.status_code = 201
    response.headers["Location"] = f"/api/tasks/{task['id']}"
    return response


@app.route("/api/tasks/<int:task_id>")
def get_task(task_id):
    if task_id not in TASKS:
        return jsonify(error="task not found"), 404
    return jsonify(TASKS[task_id])
