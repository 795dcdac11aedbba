from fastapi.testclient import TestClient

from main import app

client = TestClient(app, raise_server_exceptions=False)


def get_token():
    response = client.post("/token", data={"username": "ada", "password": "analytical engine"})
    assert response.status_code == 200, f"POST /token with the right password should be 200, got {response.status_code}: {response.text}"
    body = response.json()
    assert body.get("token_type") == "bearer" and body.get("access_token"), f"Expected access_token and token_type 'bearer', got {body!r}"
    return body["access_token"]


def check_token_issued():
    """POST /token returns a fresh bearer token"""
    first, second = get_token(), get_token()
    assert first != "todo" and first != second, "Each sign-in should create a new random token"


def check_wrong_password():
    """A wrong password is a 401 with WWW-Authenticate"""
    response = client.post("/token", data={"username": "ada", "password": "guess"})
    assert response.status_code == 401, f"Expected 401, got {response.status_code}"
    assert response.json() == {"detail": "Incorrect username or password"}, f"Got {response.json()!r}"
    assert response.headers.get("www-authenticate") == "Bearer", "Missing the WWW-Authenticate: Bearer header"


def check_notes_need_token():
    """GET /notes without a token is a 401"""
    response = client.get("/notes")
    assert response.status_code == 401, f"Expected 401 without a token, got {response.status_code}"


def check_notes_with_token():
    """GET /notes with a token returns the owner's notes"""
    response = client.get("/notes", headers={"Authorization": f"Bearer {get_token()}"})
    assert response.status_code == 200, f"Expected 200 with a valid token, got {response.status_code}"
    assert response.json() == {"owner": "ada", "notes": ["Note on the engine"]}, f"Got {response.json()!r}"


def check_bad_token():
    """An unknown token is a 401 with WWW-Authenticate"""
    response = client.get("/notes", headers={"Authorization": "Bearer made-up"})
    assert response.status_code == 401, f"Expected 401 for an unknown token, got {response.status_code}"
    assert response.headers.get("www-authenticate") == "Bearer", "Missing the WWW-Authenticate: Bearer header"
