from fastapi.testclient import TestClient

from main import app

client = TestClient(app, raise_server_exceptions=False)
GOOD = {"username": "  Ada99 ", "password": "long enough", "password_again": "long enough"}


def errors_of(response):
    body = response.json()
    assert isinstance(body, dict) and "errors" in body, f"Expected a body like {{'errors': [...]}}, got {body!r}"
    return body["errors"]


def check_valid_signup():
    """A valid sign-up returns the cleaned username"""
    response = client.post("/signup", json=GOOD)
    assert response.status_code == 201, f"Expected 201, got {response.status_code}: {response.text}"
    assert response.json() == {"username": "ada99"}, f"Expected the username lowercased and stripped, got {response.json()!r}"


def check_username_rule():
    """A username with symbols is rejected with the field and message"""
    response = client.post("/signup", json={**GOOD, "username": "ada!"})
    assert response.status_code == 422, f"Expected 422, got {response.status_code}"
    errors = errors_of(response)
    assert {"field": "username", "message": "Value error, username may contain only letters and digits"} in errors, f"Got {errors!r}"


def check_passwords_match():
    """Different passwords are rejected for the whole body"""
    response = client.post("/signup", json={**GOOD, "password_again": "something else"})
    assert response.status_code == 422, f"Expected 422, got {response.status_code}"
    errors = errors_of(response)
    assert {"field": "body", "message": "Value error, passwords do not match"} in errors, f"Got {errors!r}"


def check_short_password_field():
    """A short password is reported on the password field"""
    response = client.post("/signup", json={**GOOD, "password": "short", "password_again": "short"})
    fields = [error["field"] for error in errors_of(response)]
    assert "password" in fields, f"Expected an error for 'password', got fields {fields!r}"
