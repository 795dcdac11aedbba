from crossroads_checks import expect, expect_json, expect_status, fresh_title

# Which broken copy of the API each test must catch (fail on).
MUST_CATCH = {
    "test_create_task": {
        "create_answers_200": "a POST that answers 200 instead of 201: assert the status code is 201",
        "create_changes_title": "a POST that changes the title: assert on the body's title too",
        "create_drops_title": "a POST whose body has no title: assert the title is \"Read\"",
    },
    "test_missing_task": {
        "missing_answers_200": "a lookup that answers 200 for a missing task: assert the status code is 404",
        "missing_crashes_500": "a lookup that crashes with 500 for a missing task: assert exactly 404, not just 'an error'",
    },
}


def results_for(client, name):
    results = client.probe("run_tests")[name]
    expect(results is not None, f"Define a test function named {name}(client)", expected=f"def {name}(client): ...", actual=f"no {name} in your file")
    expect(
        results["working"]["requests"] > 0,
        f"{name} never sent a request through the client it was given: use that `client` argument, not a client of your own",
        expected="client.get(...) or client.post(...) on the client argument",
        actual="no request reached the API the test was given",
    )
    return {variant: answer["result"] for variant, answer in results.items()}


def check_the_api_still_works(client):
    """The tasks API itself still works (your tests do not change it)"""
    title = fresh_title()
    response = client.post("/api/tasks", json={"title": title})
    expect_status(response, 201)
    task = expect_json(response)
    expect(task.get("title") == title, "POST /api/tasks returns the new task", expected={"id": "...", "title": title}, response=response)
    found = client.get(f"/api/tasks/{task['id']}")
    expect_status(found, 200)
    expect_json(found, task)
    expect_status(client.get(f"/api/tasks/{task['id'] + 10_000}"), 404)


def check_tests_pass_on_working_api(client):
    """Your tests pass against the working API"""
    for name in MUST_CATCH:
        outcome = results_for(client, name)["working"]
        expect(outcome == "passed", f"{name} fails against the working API: check what it asserts", expected="passed", actual=outcome)


def check_create_test_catches_bugs(client):
    """test_create_task catches a wrong status and a wrong body"""
    results = results_for(client, "test_create_task")
    for variant, bug in MUST_CATCH["test_create_task"].items():
        expect(results[variant] != "passed", f"test_create_task passed against {bug}", expected="the test fails", actual="the test passed")


def check_missing_test_catches_bugs(client):
    """test_missing_task catches a missing task that is not a 404"""
    results = results_for(client, "test_missing_task")
    for variant, bug in MUST_CATCH["test_missing_task"].items():
        expect(results[variant] != "passed", f"test_missing_task passed against {bug}", expected="the test fails", actual="the test passed")
