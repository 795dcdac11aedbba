from crossroads_checks import expect, expect_json, expect_status, fresh_title, fresh_word, shuffled

TESTS = ("test_me_with_override", "test_me_without_token", "test_item_rejects_negative_price")


def check_app_still_works(client):
    """The app itself still behaves as given (your tests must not change it)"""
    response = client.get("/me", headers={"Authorization": "Bearer real-token"})
    expect_status(response, 200)
    expect_json(response, {"username": "ada"})
    expect_status(client.get("/me"), 401)
    expect_status(client.get("/me", headers={"Authorization": f"Bearer {fresh_word()}"}), 401)
    name = fresh_title()
    created = client.post("/items", json={"name": name, "price": 2.5})
    expect_status(created, 201)
    expect_json(created, {"name": name, "price": 2.5})
    expect_status(client.post("/items", json={"name": name, "price": -1}), 422)


def check_tests_defined(client):
    """All three test functions are defined"""
    defined = client.probe("tests_defined")
    missing = [name for name in TESTS if not defined.get(name)]
    expect(not missing, f"Define these test functions (no arguments) in main.py: {', '.join(missing)}", expected=list(TESTS), actual=defined)


def run(client, variant):
    report = client.probe("run_tests", variant=variant)
    expect("missing" not in report, f"Define these test functions in main.py: {', '.join(report.get('missing', []))}", expected=list(TESTS))
    return report


def check_tests_pass(client):
    """Your tests pass against the real app and leave no override behind"""
    report = run(client, "working")
    for name in TESTS:
        result = report["results"][name]
        expect(
            result["outcome"] == "pass",
            f"{name} fails against the working app",
            expected="pass",
            actual=result.get("reason", result["outcome"]),
        )
    expect(
        not report["overrides_left"],
        "After your tests ran, app.dependency_overrides still held an override: clear it in a finally block",
        expected="app.dependency_overrides empty",
        actual=f"overrides left for: {report['overrides_left']}",
    )


def expect_caught(client, test, variants):
    for variant, bug, advice in shuffled(variants):
        result = run(client, variant)["results"][test]
        expect(
            result["outcome"] != "pass",
            f"{test} passed against a broken app in which {bug}: {advice}",
            expected=f"{test} fails against that app",
            actual="it passed",
        )


def check_override_test_catches_bugs(client):
    """test_me_with_override catches /me ignoring the injected user or answering the wrong status"""
    expect_caught(client, "test_me_with_override", [
        ("me_ignores_user", "GET /me returns {'username': 'ada'} whatever the user is", "assert on the body, which must be the overriding user"),
        ("me_answers_202", "GET /me answers 202 instead of 200", "assert the status code as well as the body"),
    ])


def check_no_token_test_catches_bugs(client):
    """test_me_without_token catches /me open to everyone or refusing with the wrong status"""
    expect_caught(client, "test_me_without_token", [
        ("me_open_to_all", "GET /me answers 200 without any token", "assert that the status is 401"),
        ("me_refuses_with_403", "GET /me refuses a missing token with 403", "assert the status is exactly 401, not just an error"),
    ])


def check_price_test_catches_bugs(client):
    """test_item_rejects_negative_price catches a missing price rule or the wrong status"""
    expect_caught(client, "test_item_rejects_negative_price", [
        ("price_unchecked", "POST /items accepts a price of -1", "assert that the status is 422"),
        ("price_refused_with_400", "POST /items refuses a negative price with 400", "assert the status is exactly 422, not just an error"),
    ])
