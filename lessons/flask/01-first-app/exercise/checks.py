from main import app

client = app.test_client()


def check_home_still_works():
    """GET / still shows the welcome text"""
    response = client.get("/")
    assert response.status_code == 200, f"Expected status 200 for GET /, got {response.status_code}"
    assert response.text == "Welcome to the Tea Shop!", f"Expected 'Welcome to the Tea Shop!', got {response.text!r}"


def check_menu():
    """GET /menu lists the teas"""
    response = client.get("/menu")
    assert response.status_code == 200, f"Expected status 200 for GET /menu, got {response.status_code} (is there a view for /menu?)"
    assert response.text == "Green, Black, Oolong", f"Expected 'Green, Black, Oolong', got {response.text!r}"


def check_hello_uses_the_name():
    """GET /hello/<name> greets whoever is in the URL"""
    for name in ("Ada", "Grace"):
        response = client.get(f"/hello/{name}")
        assert response.status_code == 200, f"Expected status 200 for GET /hello/{name}, got {response.status_code}"
        assert response.text == f"Hello, {name}!", f"Expected 'Hello, {name}!' for /hello/{name}, got {response.text!r}"


def check_menu_is_get_only():
    """POST /menu is refused with 405"""
    response = client.post("/menu")
    assert response.status_code == 405, f"Expected 405 Method Not Allowed for POST /menu, got {response.status_code}: register the view with @app.get"
