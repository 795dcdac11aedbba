from main import app

client = app.test_client()


def check_case_insensitive():
    """?q=dune finds both Dune titles, ignoring case"""
    response = client.get("/search?q=dune")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    assert response.get_json() == {"results": ["Dune", "Dune Messiah"]}, f"Expected both Dune books, got {response.get_json()!r}"


def check_limit():
    """?limit=1 returns at most one result"""
    response = client.get("/search?q=dune&limit=1")
    assert response.get_json() == {"results": ["Dune"]}, f"Expected only ['Dune'], got {response.get_json()!r}"


def check_missing_term():
    """A missing q is a 400 with a helpful JSON error"""
    response = client.get("/search")
    assert response.status_code == 400, f"Expected status 400, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body == {"error": "Add a search term with ?q="}, f"Expected the JSON error message, got {body!r}"


def check_empty_term():
    """An empty q is a 400 too"""
    response = client.get("/search?q=")
    assert response.status_code == 400, f"Expected status 400 for an empty term, got {response.status_code}"
