from main import app

client = app.test_client()


def check_hello():
    """GET /hello/Ada says Hello, Ada!"""
    response = client.get("/hello/Ada")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    assert response.text == "Hello, Ada!", f"Expected 'Hello, Ada!', got {response.text!r}"


def check_square_json():
    """GET /square/7 returns the number and its square as JSON"""
    response = client.get("/square/7")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    assert response.is_json, f"Expected a JSON response, got Content-Type {response.content_type!r}"
    assert response.get_json() == {"number": 7, "square": 49}, f"Expected {{'number': 7, 'square': 49}}, got {response.get_json()!r}"


def check_square_rejects_text():
    """GET /square/abc is a 404"""
    response = client.get("/square/abc")
    assert response.status_code == 404, f"Expected 404 for a non-number, got {response.status_code}"
