import json

import django_setup

django_setup.configure()

from django.test import Client

import main  # noqa: F401  (your urlpatterns live in main.py)

client = Client()


def body_of(response):
    try:
        return json.loads(response.content)
    except ValueError:
        return f"not JSON: {response.content[:80].decode(errors='replace')!r}"


def check_list():
    """GET /api/books/ returns every book as a JSON list"""
    response = client.get("/api/books/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    expected = [
        {"id": 1, "title": "Dune", "author": "Frank Herbert"},
        {"id": 2, "title": "Emma", "author": "Jane Austen"},
        {"id": 3, "title": "Kindred", "author": "Octavia E. Butler"},
    ]
    body = body_of(response)
    assert body == expected, f"Expected {expected!r}, got {body!r}"


def check_detail():
    """GET /api/books/2/ returns that book as a JSON object"""
    response = client.get("/api/books/2/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    assert response["Content-Type"] == "application/json", f"Expected a JSON response, got Content-Type {response['Content-Type']!r}"
    body = body_of(response)
    expected = {"id": 2, "title": "Emma", "author": "Jane Austen"}
    assert body == expected, f"Expected {expected!r}, got {body!r}"


def check_missing_book():
    """An unknown id returns 404 with a JSON error"""
    try:
        response = client.get("/api/books/99/")
    except Exception as exc:  # the view crashed instead of answering
        raise AssertionError(f"Expected a 404 response, but the view raised {type(exc).__name__}: {exc}") from None
    assert response.status_code == 404, f"Expected status 404, got {response.status_code}"
    body = body_of(response)
    assert body == {"error": "Book 99 not found"}, f"Expected {{'error': 'Book 99 not found'}}, got {body!r}"


def check_non_numeric_id():
    """A non-numeric id like /api/books/abc/ is a 404"""
    try:
        response = client.get("/api/books/abc/")
    except Exception as exc:
        raise AssertionError(f"Expected a 404 response, but the view raised {type(exc).__name__}: {exc}") from None
    assert response.status_code == 404, f"Expected status 404, got {response.status_code}"
