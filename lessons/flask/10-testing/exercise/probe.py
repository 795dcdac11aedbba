"""Runs beside the learner's app and runs the learner's two tests, each with a fresh test client,
against a working tasks API and against broken copies of it that the learner never sees. A good test
passes on the working API and fails on every copy whose bug it is meant to catch."""

import itertools
import traceback

from flask import Flask, request

import main

TESTS = ("test_create_task", "test_missing_task")

# Each variant changes one thing about the working API.
VARIANTS = {
    "working": {},
    "create_answers_200": {"create_status": 200},
    "create_changes_title": {"title_suffix": "!"},
    "create_drops_title": {"drop_title": True},
    "missing_answers_200": {"missing": ({"id": 999, "title": ""}, 200)},
    "missing_crashes_500": {"missing": ({"error": "Internal Server Error"}, 500)},
}


def tasks_api(create_status=201, title_suffix="", drop_title=False, missing=({"error": "not found"}, 404)):
    app = Flask("main")
    app.config["REQUESTS"] = 0
    tasks = {}
    ids = itertools.count(1)

    @app.before_request
    def count_request():
        app.config["REQUESTS"] += 1

    @app.post("/api/tasks")
    def create_task():
        task = {"id": next(ids), "title": request.get_json()["title"] + title_suffix}
        tasks[task["id"]] = task
        if drop_title:
            return {"id": task["id"]}, create_status
        return task, create_status

    @app.get("/api/tasks/<int:task_id>")
    def get_task(task_id):
        if task_id not in tasks:
            return missing
        return tasks[task_id]

    return app


def outcome(test, variant):
    app = tasks_api(**VARIANTS[variant])
    try:
        test(app.test_client())
        result = "passed"
    except Exception as error:  # noqa: BLE001 - any exception fails a test, as in pytest
        line = traceback.format_exception_only(type(error), error)[-1].strip()
        result = "failed: " + line[:200]
    return {"result": result, "requests": app.config["REQUESTS"]}


def probe_run_tests():
    """{test name: {variant: {"result": "passed" or "failed: ...", "requests": how many the test
    sent through its client}}}, or None for a test that is not defined."""
    results = {}
    for name in TESTS:
        test = getattr(main, name, None)
        results[name] = {variant: outcome(test, variant) for variant in VARIANTS} if callable(test) else None
    return results
