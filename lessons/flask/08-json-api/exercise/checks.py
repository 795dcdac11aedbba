import main

client = main.app.test_client()


def fresh():
    main.TASKS.clear()


def check_create_returns_201():
    """POST /api/tasks creates a task with 201 and a Location header"""
    fresh()
    response = client.post("/api/tasks", json={"title": "Write tests"})
    assert response.status_code == 201, f"Expected 201 Created, got {response.status_code}"
    assert response.get_json() == {"id": 1, "title": "Write tests", "done": False}, f"Got {response.get_json()!r}"
    location = response.headers.get("Location", "")
    assert location.endswith("/api/tasks/1"), f"Expected a Location header ending in /api/tasks/1, got {location!r}"


def check_rejects_bad_titles():
    """Missing, blank or non-string titles get a 400 and nothing is stored"""
    fresh()
    for body in ({}, {"title": "   "}, {"title": 42}, ["not", "an", "object"]):
        response = client.post("/api/tasks", json=body)
        assert response.status_code == 400, f"Expected 400 for {body!r}, got {response.status_code}"
        errors = (response.get_json(silent=True) or {}).get("errors", {}) if isinstance(response.get_json(silent=True), dict) else {}
        assert "title" in errors, f"Expected {{'errors': {{'title': ...}}}} for {body!r}, got {response.get_json(silent=True)!r}"
    assert main.TASKS == {}, f"Invalid requests must not store anything, but TASKS is {main.TASKS!r}"


def check_rejects_non_json():
    """A body that is not JSON gets a 400, not a crash"""
    fresh()
    response = client.post("/api/tasks", data="title=hello", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400, f"Expected 400 for a form body, got {response.status_code}"


def check_get_and_404():
    """GET /api/tasks/<id> returns the task, or a JSON 404"""
    fresh()
    client.post("/api/tasks", json={"title": "Ship it"})
    ok = client.get("/api/tasks/1")
    assert ok.status_code == 200 and ok.get_json()["title"] == "Ship it", f"Expected task 1, got {ok.status_code} {ok.get_json(silent=True)!r}"
    missing = client.get("/api/tasks/99")
    assert missing.status_code == 404, f"Expected 404 for a missing task, got {missing.status_code}"
    assert "error" in (missing.get_json(silent=True) or {}), "Expected a JSON body with an 'error' key for the 404"
