from flask import Flask, request

import main


def broken_app(status_on_create=201, title_suffix="", missing_status=404):
    app = Flask("broken")
    tasks = {}

    @app.post("/api/tasks")
    def create_task():
        task = {"id": len(tasks) + 1, "title": request.get_json()["title"] + title_suffix}
        tasks[task["id"]] = task
        return task, status_on_create

    @app.get("/api/tasks/<int:task_id>")
    def get_task(task_id):
        if task_id not in tasks:
            return {"error": "not found"}, missing_status
        return tasks[task_id]

    return app


def passes(test, app):
    try:
        test(app.test_client())
        return True
    except AssertionError:
        return False


def check_tests_exist():
    """Both test functions are defined"""
    for name in ("test_create_task", "test_missing_task"):
        assert callable(getattr(main, name, None)), f"Define a function named {name}(client)"


def check_tests_pass_on_working_api():
    """Your tests pass against the working API"""
    for name in ("test_create_task", "test_missing_task"):
        main.TASKS.clear()
        assert passes(getattr(main, name), main.app), f"{name} fails against the working API: check what it asserts"


def check_catches_wrong_status():
    """test_create_task catches a POST that answers 200 instead of 201"""
    assert not passes(main.test_create_task, broken_app(status_on_create=200)), "test_create_task passed against an API that answers 200: assert the status code is 201"


def check_catches_wrong_title():
    """test_create_task catches a POST that stores the wrong title"""
    assert not passes(main.test_create_task, broken_app(title_suffix="!")), "test_create_task passed against an API that changes the title: assert on the body too"


def check_catches_missing_404():
    """test_missing_task catches a lookup that answers 200 for a missing task"""
    assert not passes(main.test_missing_task, broken_app(missing_status=200)), "test_missing_task passed against an API that answers 200: assert the status code is 404"
