from crossroads_checks import expect, expect_header, expect_json, expect_status, fresh_int, fresh_title


def create(client, title):
    response = client.post("/api/tasks", json={"title": title})
    expect_status(response, 201)
    return response, expect_json(response)


def check_create_returns_201(client):
    """POST /api/tasks creates a task with 201 and a Location header"""
    title = fresh_title()
    response, task = create(client, title)
    expected = {"id": task.get("id"), "title": title, "done": False}
    expect(isinstance(task.get("id"), int), "The new task has an integer id", expected={"id": "an integer", "title": title, "done": False}, response=response)
    expect(task == expected, "The new task comes back with its id, title and done: false", expected=expected, response=response)
    location = expect_header(response, "Location")
    expect(location.endswith(f"/api/tasks/{task['id']}"), "The Location header points at the new task", expected=f"/api/tasks/{task['id']}", actual=location)


def check_ids_are_unique(client):
    """Each new task gets a new id"""
    ids = [create(client, fresh_title())[1].get("id") for _ in range(3)]
    expect(len(set(ids)) == 3, "Three new tasks must get three different ids", expected="three different ids", actual=ids)


def check_rejects_bad_titles(client):
    """Missing, blank or non-string titles get a 400 and nothing is stored"""
    for body in ({}, {"title": "   "}, {"title": fresh_int()}, ["not", "an", "object"]):
        response = client.post("/api/tasks", json=body)
        expect_status(response, 400)
        errors = expect_json(response).get("errors")
        expect(isinstance(errors, dict) and "title" in errors, f"A 400 for {body!r} names the title field", expected={"errors": {"title": "..."}}, response=response)
    # Nothing stored: the next task's id follows straight on from the previous one.
    _, before = create(client, fresh_title())
    for body in ({}, {"title": ""}):
        client.post("/api/tasks", json=body)
    _, after = create(client, fresh_title())
    expect(after["id"] == before["id"] + 1, "Rejected requests must not store a task (or use up an id)", expected=before["id"] + 1, actual=after["id"])


def check_rejects_non_json(client):
    """A body that is not JSON gets a 400, not a crash"""
    response = client.post("/api/tasks", data="title=hello", headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect_status(response, 400)


def check_get_and_404(client):
    """GET /api/tasks/<id> returns the task, or a JSON 404"""
    title = fresh_title()
    _, task = create(client, title)
    found = client.get(f"/api/tasks/{task['id']}")
    expect_status(found, 200)
    expect_json(found, {"id": task["id"], "title": title, "done": False})
    missing = client.get(f"/api/tasks/{task['id'] + 10_000}")
    expect_status(missing, 404)
    expect("error" in expect_json(missing), "The 404 body is JSON with an 'error' key", expected={"error": "..."}, response=missing)
