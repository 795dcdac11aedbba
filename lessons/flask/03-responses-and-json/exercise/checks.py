import main

client = main.app.test_client()

ORIGINAL = {key: dict(value) for key, value in main.ITEMS.items()}


def reset():
    main.ITEMS.clear()
    main.ITEMS.update({key: dict(value) for key, value in ORIGINAL.items()})


def check_get_item():
    """GET /items/2 returns the item as JSON"""
    reset()
    response = client.get("/items/2")
    assert response.status_code == 200, f"Expected status 200 for /items/2, got {response.status_code}"
    assert response.is_json, f"Expected a JSON response, got Content-Type {response.content_type!r}"
    body = response.get_json()
    assert body == {"id": 2, "name": "Kettle", "price": 25}, f"Expected the Kettle item, got {body!r}"


def check_missing_item_is_json_404():
    """GET /items/99 is a 404 with a JSON error"""
    reset()
    response = client.get("/items/99")
    assert response.status_code == 404, f"Expected status 404 for a missing item, got {response.status_code}"
    body = response.get_json(silent=True)
    assert body is not None, "Expected a JSON body for the 404, got an HTML page: return a dict with the status"
    assert body == {"error": "Item 99 not found"}, f"Expected {{'error': 'Item 99 not found'}}, got {body!r}"


def check_list_with_count_header():
    """GET /items lists every item and sends X-Total-Count"""
    reset()
    main.ITEMS[4] = {"id": 4, "name": "Strainer", "price": 5}
    response = client.get("/items")
    assert response.status_code == 200, f"Expected status 200 for /items, got {response.status_code}"
    body = response.get_json(silent=True) or {}
    names = [item.get("name") for item in body.get("items", [])]
    assert names == ["Teapot", "Kettle", "Mug", "Strainer"], f"Expected all four items in id order, got {names!r}"
    count = response.headers.get("X-Total-Count")
    assert count == "4", f"Expected the header X-Total-Count: 4, got {count!r}"


def check_latest_redirects():
    """GET /items/latest redirects to the newest item"""
    reset()
    response = client.get("/items/latest")
    assert response.status_code == 302, f"Expected a 302 redirect, got {response.status_code}"
    location = response.headers.get("Location", "")
    assert location.endswith("/items/3"), f"Expected the Location header to point at /items/3, got {location!r}"
    main.ITEMS[7] = {"id": 7, "name": "Tray", "price": 12}
    location = client.get("/items/latest").headers.get("Location", "")
    assert location.endswith("/items/7"), f"After adding item 7, expected a redirect to /items/7, got {location!r}"
