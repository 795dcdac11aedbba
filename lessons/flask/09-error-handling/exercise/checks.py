from main import app

client = app.test_client()


def check_404_json():
    """An unknown product is a JSON 404 with the description"""
    response = client.post("/orders/spoon")
    assert response.status_code == 404, f"Expected 404, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body == {"error": "Not Found", "message": "No product called spoon"}, f"Got {body!r} (is it still HTML?)"


def check_405_json():
    """A wrong method is a JSON 405"""
    response = client.get("/orders/kettle")
    assert response.status_code == 405, f"Expected 405, got {response.status_code}"
    body = response.get_json(silent=True) or {}
    assert body.get("error") == "Method Not Allowed", f"Expected error 'Method Not Allowed', got {body!r}"


def check_out_of_stock():
    """OutOfStock becomes a 409 with a clear message"""
    response = client.post("/orders/teapot")
    assert response.status_code == 409, f"Expected 409 Conflict, got {response.status_code}"
    assert response.get_json(silent=True) == {"error": "Out of stock", "message": "teapot is sold out"}, f"Got {response.get_json(silent=True)!r}"


def check_500_hides_details():
    """An unexpected error is a generic JSON 500"""
    response = client.get("/crash")
    assert response.status_code == 500, f"Expected 500, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body == {"error": "Internal Server Error", "message": "Something went wrong on our side."}, f"Got {body!r}"
    assert "database-password" not in response.get_data(as_text=True), "The response leaks the exception's text"


def check_orders_still_work():
    """A normal order still succeeds"""
    response = client.post("/orders/kettle")
    assert response.status_code == 201, f"Expected 201, got {response.status_code}"
