from fastapi.testclient import TestClient

from main import app

client = TestClient(app, raise_server_exceptions=False)


def check_known_book():
    """GET /books/2 returns Emma"""
    response = client.get("/books/2")
    assert response.status_code == 200, f"Expected 200, got {response.status_code}: {response.text}"
    assert response.json() == {"id": 2, "title": "Emma"}, f"Expected {{'id': 2, 'title': 'Emma'}}, got {response.json()!r}"


def check_unknown_book():
    """An unknown id is a 404 with detail 'Book not found'"""
    response = client.get("/books/99")
    assert response.status_code == 404, f"Expected 404, got {response.status_code}"
    assert response.json() == {"detail": "Book not found"}, f"Got {response.json()!r}"


def check_non_number():
    """A non-number id is rejected with 422"""
    response = client.get("/books/abc")
    assert response.status_code == 422, f"Expected 422 from validation, got {response.status_code}"


def check_list_filter():
    """GET /books?starts_with=D lists Dune and Dracula"""
    response = client.get("/books", params={"starts_with": "D"})
    assert response.status_code == 200, f"Expected 200, got {response.status_code}"
    assert response.json() == {"books": ["Dune", "Dracula"]}, f"Got {response.json()!r}"


def check_list_all():
    """GET /books without a filter lists every book"""
    response = client.get("/books")
    assert response.status_code == 200 and response.json() == {"books": ["Dune", "Emma", "Dracula"]}, f"Got {response.status_code} {response.text}"
