from main import app

client = app.test_client()


def check_case_insensitive():
    """?q=dune finds both Dune titles, ignoring case"""
    response = client.get("/search?q=dune")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body == {"results": ["Dune", "Dune Messiah"]}, f"Expected {{'results': ['Dune', 'Dune Messiah']}}, got {body!r}"


def check_limit():
    """?limit=1 returns at most one result"""
    body = client.get("/search?q=dune&limit=1").get_json(silent=True)
    assert body == {"results": ["Dune"]}, f"Expected {{'results': ['Dune']}} with limit=1, got {body!r}"


def check_missing_term():
    """A missing q is a 400 with a helpful JSON error"""
    response = client.get("/search")
    assert response.status_code == 400, f"Expected status 400 without ?q=, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body == {"error": "Add a search term with ?q="}, f"Expected the JSON error message, got {body!r} (is it Flask's HTML error page?)"


def check_empty_term():
    """An empty q is a 400 too"""
    response = client.get("/search?q=")
    assert response.status_code == 400, f"Expected status 400 for ?q= with nothing after it, got {response.status_code}"


def check_book_by_number():
    """GET /books/2 returns the second book"""
    response = client.get("/books/2")
    assert response.status_code == 200, f"Expected status 200 for /books/2, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body == {"title": "Dune Messiah"}, f"Expected {{'title': 'Dune Messiah'}}, got {body!r}"
    first = client.get("/books/1").get_json(silent=True)
    assert first == {"title": "Dune"}, f"Expected /books/1 to be {{'title': 'Dune'}} (counting from 1), got {first!r}"


def check_book_not_a_number():
    """GET /books/two is a 404"""
    response = client.get("/books/two")
    assert response.status_code == 404, f"Expected 404 for /books/two, got {response.status_code}: let a converter reject it"


def check_book_out_of_range():
    """Numbers outside the list are 404s"""
    for number in (0, 6, 99):
        response = client.get(f"/books/{number}")
        assert response.status_code == 404, f"Expected 404 for /books/{number}, got {response.status_code}"
