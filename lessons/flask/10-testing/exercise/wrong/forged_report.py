# Hostile: prints a report in which every test passed, and swaps the harness's runner for one that
# always says so. The claims are the same whichever app answers, so they cannot fit every app.
# Tests for a small tasks API. The API is not in this file: your tests talk to it over HTTP.
#
#   POST /api/tasks  with JSON {"title": "..."}  ->  201 and the new task, {"id": <a number>, "title": "..."}
#   GET  /api/tasks/<id>                         ->  200 and that task, or 404 and {"error": "not found"}
#
# Each test receives `client`, which works like Flask's app.test_client(): client.get(...),
# client.post(..., json=...), and responses with .status_code, .get_json() (or .json), .data and .headers.
# The tests share one running API, in the order they are written. It already holds other tasks and
# ids do not start at 1 (both change from run to run), so use the id the API returns.
import json
import sys

NAMES = ("test_create_task", "test_missing_task")
REPORT = {"tests": [{"name": n, "outcome": "pass", "message": "", "output": ""} for n in NAMES], "error": None, "output": ""}
print(json.dumps(REPORT))
sys.__stdout__.write(json.dumps(REPORT) + "\n")
harness = sys.modules.get("run_learner_tests") or sys.modules.get("__main__")
if harness is not None:
    harness.run_tests = lambda *args, **kwargs: REPORT
    harness.run_one = lambda func, *args: {"name": func.__name__, "outcome": "pass", "message": "", "output": ""}


def test_create_task(client):
    pass


def test_missing_task(client):
    pass
