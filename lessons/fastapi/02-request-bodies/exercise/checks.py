from fastapi.testclient import TestClient

from main import app

client = TestClient(app, raise_server_exceptions=False)


def post(body):
    return client.post("/orders", json=body)


def check_valid_order():
    """A valid order is created with the total quantity"""
    response = post({"customer": "Ada", "lines": [{"sku": "TEA", "quantity": 2}, {"sku": "CUP"}]})
    assert response.status_code == 201, f"Expected 201, got {response.status_code}: {response.text}"
    assert response.json() == {"customer": "Ada", "items": 3}, f"Expected 3 items (2 + default 1), got {response.json()!r}"


def check_needs_a_line():
    """An order with no lines is rejected"""
    assert post({"customer": "Ada", "lines": []}).status_code == 422, "An order with an empty lines list should be a 422"


def check_quantity_range():
    """Quantities outside 1-100 are rejected"""
    for quantity in (0, 101):
        response = post({"customer": "Ada", "lines": [{"sku": "TEA", "quantity": quantity}]})
        assert response.status_code == 422, f"quantity {quantity} should be a 422, got {response.status_code}"


def check_sku_length():
    """A 30-character sku is rejected"""
    assert post({"customer": "Ada", "lines": [{"sku": "X" * 30}]}).status_code == 422, "A 30-character sku should be a 422"


def check_customer_required():
    """A missing or empty customer is rejected"""
    assert post({"lines": [{"sku": "TEA"}]}).status_code == 422, "A missing customer should be a 422"
    assert post({"customer": "", "lines": [{"sku": "TEA"}]}).status_code == 422, "An empty customer should be a 422"


def check_line_items_validated():
    """Each line must be an object with a sku"""
    assert post({"customer": "Ada", "lines": ["TEA"]}).status_code == 422, "Lines must be objects with a sku, not strings"
