import random

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title, fresh_word


def sku(length=None):
    text = fresh_word().upper()
    return text if length is None else (text * 5)[:length]


def line(quantity=None, **changes):
    item = {"sku": sku()}
    if quantity is not None:
        item["quantity"] = quantity
    item.update(changes)
    return item


def expect_created(client, body, total):
    response = client.post("/orders", json=body)
    expect_status(response, 201)
    expected = {"customer": body["customer"], "items": total}
    expect_json(response, expected)


def expect_rejected(client, body, where, what):
    """POSTs body and expects FastAPI's 422 with an error located at where (the end of its loc)."""
    response = client.post("/orders", json=body)
    expect(response.status == 422, f"{what} must be rejected with 422, got {response.status}", expected="status 422", response=response)
    detail = expect_json(response).get("detail")
    wanted = ["body", *where]
    located = isinstance(detail, list) and any(
        isinstance(error, dict) and list(error.get("loc", []))[: len(wanted)] == wanted for error in detail
    )
    expect(
        located,
        f"{what}: the 422 must come from FastAPI validating your models, with an error at {' -> '.join(map(str, wanted))}",
        expected={"detail": [{"loc": wanted, "msg": "...", "type": "..."}]},
        response=response,
    )


def check_valid_order(client):
    """A valid order answers 201 with the customer and the total quantity"""
    quantities = [fresh_int(1, 100) for _ in range(random.randint(1, 3))]
    body = {"customer": fresh_title(), "lines": [line(q) for q in quantities]}
    expect_created(client, body, sum(quantities))


def check_default_quantity(client):
    """A line without a quantity counts as 1"""
    quantity = fresh_int(2, 50)
    body = {"customer": fresh_title(), "lines": [line(quantity), line(), line()]}
    expect_created(client, body, quantity + 2)


def check_limits_accepted(client):
    """The edges of the rules are allowed: quantity 1 and 100, a sku of 1 and of 20 characters"""
    expect_created(client, {"customer": fresh_title(), "lines": [line(1), line(100)]}, 101)
    expect_created(client, {"customer": fresh_title(), "lines": [{"sku": sku(1)}, {"sku": sku(20), "quantity": 3}]}, 4)


def check_quantity_range(client):
    """Quantities outside 1-100 are rejected"""
    for quantity in (0, 101, -fresh_int(1, 50), fresh_int(102, 5000)):
        body = {"customer": fresh_title(), "lines": [line(2), line(quantity)]}
        expect_rejected(client, body, ["lines", 1, "quantity"], f"A quantity of {quantity}")


def check_sku_length(client):
    """A sku must have 1 to 20 characters: empty, 21 or 30 characters are rejected"""
    for length in (0, 21, 30):
        body = {"customer": fresh_title(), "lines": [line(), line(), {"sku": sku(length)}]}
        expect_rejected(client, body, ["lines", 2, "sku"], f"A sku of {length} characters")


def check_needs_a_line(client):
    """An order needs at least one line"""
    expect_rejected(client, {"customer": fresh_title(), "lines": []}, ["lines"], "An order with an empty lines list")
    expect_rejected(client, {"customer": fresh_title()}, ["lines"], "An order without lines")


def check_customer_required(client):
    """A missing or empty customer is rejected"""
    expect_rejected(client, {"lines": [line()]}, ["customer"], "An order without a customer")
    expect_rejected(client, {"customer": "", "lines": [line()]}, ["customer"], "An order with an empty customer")


def check_lines_are_objects(client):
    """Each line must be an object with a sku"""
    expect_rejected(client, {"customer": fresh_title(), "lines": [sku()]}, ["lines", 0], "A line that is a string, not an object")
    expect_rejected(client, {"customer": fresh_title(), "lines": [line(), {"quantity": 2}]}, ["lines", 1, "sku"], "A line without a sku")
