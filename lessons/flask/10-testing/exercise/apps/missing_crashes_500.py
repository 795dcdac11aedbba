# Bug: crashes with a 500 error instead of answering 404 for a missing task
import itertools
import random

from flask import Flask, request

app = Flask(__name__)
# An API that has been used before, differently on every run: ids start past 1 and some tasks exist.
TASK_IDS = itertools.count(random.randint(2, 400))
TASKS = {}
for _ in range(random.randint(1, 5)):
    older = {"id": next(TASK_IDS), "title": random.choice(["Pay rent", "Call the bank", "Plan the trip"])}
    TASKS[older["id"]] = older


@app.post("/api/tasks")
def create_task():
    task = {"id": next(TASK_IDS), "title": request.get_json()["title"]}
    TASKS[task["id"]] = task
    return task, 201


@app.get("/api/tasks/<int:task_id>")
def get_task(task_id):
    return TASKS[task_id]
