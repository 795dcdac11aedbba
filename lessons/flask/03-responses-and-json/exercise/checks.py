from crossroads_checks import expect, expect_header, expect_json, expect_status, fresh_int, fresh_title

KETTLE = {"id": 2, "name": "Kettle", "price": 25}


# The starter's ITEMS, then every item these checks added (through the given POST /items), in order.
ITEMS = {1: {"id": 1, "name": "Teapot", "price": 30}, 2: KETTLE, 3: {"id": 3, "name": "Mug", "price": 8}}


def add_items(client, *ids):
    """Adds an item for each id (in the order given) with the given POST /items; returns (the new items, every item)."""
    new = [{"id": item_id, "name": fresh_title(), "price": fresh_int(1, 500)} for item_id in ids]
    for item in new:
        response = client.post("/items", json=item)
        ITEMS[item["id"]] = item
        expect_status(response, 201)
        expect(
            expect_json(response).get("count") == len(ITEMS),
            "POST /items is given with the exercise: keep it as it is (it adds an item to ITEMS and answers with their count)",
            expected={"count": len(ITEMS)},
            response=response,
        )
    return new, list(ITEMS.values())


def top_id(client):
    return max(item["id"] for item in add_items(client)[1])


def check_get_item(client):
    """GET /items/<id> returns the item as JSON"""
    response = client.get("/items/2")
    expect_status(response, 200)
    expect_json(response, KETTLE)
    (item,), _ = add_items(client, top_id(client) + fresh_int(1, 50))
    response = client.get(f"/items/{item['id']}")
    expect_status(response, 200)
    expect_json(response, item)


def check_missing_item_is_json_404(client):
    """A missing item is a 404 with a JSON error"""
    missing = top_id(client) + fresh_int(100, 999)
    response = client.get(f"/items/{missing}")
    expect_status(response, 404)
    wanted = {"error": f"Item {missing} not found"}
    is_json = "json" in response.headers.get("Content-Type", "")
    expect(is_json, "The 404 must be JSON, not Flask's HTML page: return a dict with the status", expected=wanted, response=response)
    expect_json(response, wanted)


def check_list_in_id_order_with_count_header(client):
    """GET /items lists every item in id order and sends X-Total-Count"""
    start = top_id(client)
    # Added highest id first, so the dict's insertion order is not id order.
    _, items = add_items(client, start + 9, start + 4, start + 6)
    wanted = sorted(items, key=lambda item: item["id"])
    response = client.get("/items")
    expect_status(response, 200)
    body = expect_json(response)
    expect(body == {"items": wanted}, "GET /items must list every item, sorted by id", expected={"items": wanted}, response=response)
    expect_header(response, "X-Total-Count", str(len(wanted)))


def check_latest_redirects(client):
    """GET /items/latest redirects to the item with the highest id"""
    for _ in range(2):
        start = top_id(client)
        newest = start + fresh_int(20, 40)
        add_items(client, newest, start + 1)  # the newest id is not the last one added
        response = client.get("/items/latest")
        expect_status(response, 302)
        location = expect_header(response, "Location")
        expect(
            location.split("?")[0].endswith(f"/items/{newest}"),
            f"GET /items/latest must redirect to the highest id, /items/{newest}",
            expected=f"Location: /items/{newest}",
            actual=location,
        )
