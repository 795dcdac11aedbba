from fastapi.testclient import TestClient

import main

client = TestClient(main.app, raise_server_exceptions=False)


def check_me_with_token():
    """GET /me with a valid token returns the user"""
    response = client.get("/me", headers={"X-Token": "t-ada"})
    assert response.status_code == 200, f"Expected 200, got {response.status_code}: {response.text}"
    assert response.json() == {"username": "ada"}, f"Got {response.json()!r}"


def check_notes_use_user():
    """GET /notes returns the token owner's notes"""
    response = client.get("/notes", headers={"X-Token": "t-grace"})
    assert response.json() == {"owner": "grace", "notes": ["Fix bug", "Write docs"]}, f"Got {response.json()!r}"


def check_missing_token():
    """Both endpoints refuse a missing token with 401"""
    for path in ("/me", "/notes"):
        response = client.get(path)
        assert response.status_code == 401, f"Expected 401 for {path} without a token, got {response.status_code}"
        assert response.json() == {"detail": "Invalid or missing token"}, f"Got {response.json()!r} for {path}"


def check_unknown_token():
    """An unknown token is refused"""
    assert client.get("/notes", headers={"X-Token": "nope"}).status_code == 401, "An unknown token should be a 401"


def check_dependency_can_be_overridden():
    """Endpoints get the user from get_current_user (tests can override it)"""
    assert hasattr(main, "get_current_user"), "Define a dependency function named get_current_user"
    main.app.dependency_overrides[main.get_current_user] = lambda: {"username": "ada"}
    try:
        response = client.get("/notes")
        assert response.status_code == 200 and response.json()["owner"] == "ada", "GET /notes does not use the get_current_user dependency"
    finally:
        main.app.dependency_overrides.clear()
