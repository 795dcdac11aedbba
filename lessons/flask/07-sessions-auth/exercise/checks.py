from main import app


def check_anonymous_refused():
    """GET /account without signing in is a 401"""
    response = app.test_client().get("/account")
    assert response.status_code == 401, f"Expected 401 for a visitor who has not signed in, got {response.status_code}"
    assert response.get_json(silent=True) == {"error": "Sign in first"}, f"Expected {{'error': 'Sign in first'}}, got {response.get_json(silent=True)!r}"


def check_signed_in_allowed():
    """After signing in, GET /account shows the user"""
    client = app.test_client()
    client.post("/login", data={"username": "ada", "password": "analytical engine"})
    response = client.get("/account")
    assert response.status_code == 200, f"Expected 200 after signing in, got {response.status_code}"
    assert response.get_json() == {"user": "ada"}, f"Expected {{'user': 'ada'}}, got {response.get_json()!r}"


def check_wrong_password_refused():
    """A wrong password does not open the account"""
    client = app.test_client()
    client.post("/login", data={"username": "ada", "password": "guess"})
    assert client.get("/account").status_code == 401, "A failed sign-in must not give access to /account"


def check_logout():
    """POST /logout ends the session"""
    client = app.test_client()
    client.post("/login", data={"username": "ada", "password": "analytical engine"})
    response = client.post("/logout")
    assert response.status_code == 200, f"Expected 200 from POST /logout, got {response.status_code}"
    assert client.get("/account").status_code == 401, "After logging out, /account should be refused again"


def check_view_name_kept():
    """The decorator keeps the view's name (functools.wraps)"""
    names = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert "account" in names, f"Expected an endpoint named 'account', found {sorted(names)}: did you use functools.wraps?"
