from crossroads_checks import expect, expect_json, expect_status, fresh_word, shuffled

# The starter's TOKENS and NOTES.
USERS = {"t-ada": "ada", "t-grace": "grace"}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}
REFUSED = {"detail": "Invalid or missing token"}


def check_me_with_token(client):
    """GET /me with a valid X-Token returns that token's user"""
    for token, username in shuffled(USERS.items()):
        response = client.get("/me", headers={"X-Token": token})
        expect_status(response, 200)
        expect_json(response, {"username": username})


def check_notes_use_user(client):
    """GET /notes returns the token owner's notes"""
    for token, username in shuffled(USERS.items()):
        response = client.get("/notes", headers={"X-Token": token})
        expect_status(response, 200)
        expect_json(response, {"owner": username, "notes": NOTES[username]})


def check_missing_token(client):
    """Both endpoints refuse a missing token with the same 401"""
    for path in shuffled(["/me", "/notes"]):
        response = client.get(path)
        expect_status(response, 401)
        expect_json(response, REFUSED)


def check_unknown_token(client):
    """Both endpoints refuse an unknown token with the same 401"""
    for token in shuffled([f"t-{fresh_word()}", "T-ADA", fresh_word()]):
        for path in shuffled(["/me", "/notes"]):
            response = client.get(path, headers={"X-Token": token})
            expect_status(response, 401)
            expect_json(response, REFUSED)


def check_endpoints_use_dependency(client):
    """Both endpoints take the user from get_current_user (a test can override it)"""
    for username in shuffled(NOTES):
        report = client.probe("with_fake_user", username=username)
        expect(report.get("defined"), "Define a dependency function named get_current_user in main.py", expected="def get_current_user(...)")
        wanted = {"/me": {"username": username}, "/notes": {"owner": username, "notes": NOTES[username]}}
        for path, body in wanted.items():
            answer = report["answers"][path]
            expect(
                answer == {"status": 200, "body": body},
                f"With app.dependency_overrides[get_current_user] returning {{'username': {username!r}}} and no X-Token "
                f"header, GET {path} must use that user: take it from Depends(get_current_user) and do not read "
                "the header in the endpoint",
                expected={"status": 200, "body": body},
                actual=answer,
            )
