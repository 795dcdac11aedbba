from flask import Flask, request, url_for

app = Flask(__name__)
TASKS = {}


@app.post("/api/tasks")
def create_task():
    data = request.get_json()
    task = {"id": len(TASKS) + 1, "title": data["title"], "done": False}
    TASKS[task["id"]] = task
    return task


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    return TASKS[task_id]
