import secrets
import string

from crossroads_checks import expect, expect_header, expect_status, expect_text, fresh_int, fresh_title

BROKEN = {
    "list_shows_nothing": "never shows any notes on GET /notes/",
    "post_forgets_to_save": "redirects after POST /notes/ without saving the note",
    "post_accepts_empty_text": "saves a note with empty text instead of answering 400",
    "detail_never_404s": "answers 200 with {} instead of 404 for a missing note",
}


def run_tests(client, variant):
    return client.probe("run_tests", variant=variant)


def catches(client, variant):
    outcome = run_tests(client, variant)
    expect(outcome["ran"] > 0, "Your tests ran", expected="at least one test", actual="no tests ran")
    expect(not outcome["passed"], f"Your tests all passed against an app that {BROKEN[variant]}. Add a test that fails for that bug.",
           expected="at least one failing test", actual=f"{outcome['ran']} tests, all passed")


def check_app_unchanged(client):
    """The notes app still works over HTTP (do not change it)"""
    token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    text = fresh_title()
    response = client.post("/notes/", data={"text": text, "csrfmiddlewaretoken": token})
    expect_status(response, 302)
    expect(expect_header(response, "Location") == "/notes/", "POST /notes/ redirects to /notes/", expected="Location: /notes/", response=response)
    expect_text(client.get("/notes/"), text)
    expect_status(client.get(f"/notes/{fresh_int(100_000, 999_999)}/"), 404)


def check_has_tests(client):
    """NoteTests is a django.test.TestCase with at least 3 tests"""
    info = client.probe("test_case")
    expect(info.get("exists"), "main.py has a class called NoteTests", expected="class NoteTests(TestCase)", actual="no NoteTests")
    expect(info["test_case"], "NoteTests subclasses django.test.TestCase", expected="class NoteTests(TestCase)", actual="another base class")
    expect(info["count"] >= 3, "NoteTests has at least 3 test methods (names starting with test_)", expected="3 or more tests", actual=f"{info['count']} tests")


def check_tests_pass_on_working_app(client):
    """Your tests all pass against the working app"""
    outcome = run_tests(client, "working")
    expect(outcome["ran"] > 0, "Your tests ran: test method names must start with test_", expected="at least one test", actual="no tests ran")
    expect(outcome["passed"], "Your tests must all pass against the working app, but some failed", expected="every test passes", actual=outcome["report"])


def check_catches_empty_list(client):
    """Your tests catch a list page that never shows any notes"""
    catches(client, "list_shows_nothing")


def check_catches_missing_save(client):
    """Your tests catch a POST that redirects without saving"""
    catches(client, "post_forgets_to_save")


def check_catches_missing_validation(client):
    """Your tests catch a POST that accepts an empty text"""
    catches(client, "post_accepts_empty_text")


def check_catches_missing_404(client):
    """Your tests catch a detail view that answers 200 for a missing note"""
    catches(client, "detail_never_404s")
