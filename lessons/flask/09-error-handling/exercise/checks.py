from crossroads_checks import expect, expect_json, expect_status, fresh_word

GENERIC_500 = {"error": "Internal Server Error", "message": "Something went wrong on our side."}


def expect_error_json(response, status, name):
    expect_status(response, status)
    is_json = "json" in response.headers.get("Content-Type", "")
    expect(is_json, f"The {status} must be JSON, not Flask's HTML error page", expected={"error": name, "message": "..."}, response=response)
    body = expect_json(response)
    expect(
        body.get("error") == name and isinstance(body.get("message"), str) and body["message"] and set(body) == {"error", "message"},
        f"Every HTTP error has the shape {{'error': <name>, 'message': <description>}}",
        expected={"error": name, "message": "<the error's description>"},
        response=response,
    )
    return body


def check_404_json(client):
    """abort(404) for an unknown product is a JSON 404 with its description"""
    product = fresh_word()
    response = client.post(f"/orders/{product}")
    body = expect_error_json(response, 404, "Not Found")
    wanted = f"No product called {product}"
    expect(body["message"] == wanted, "The message is the description given to abort()", expected={"error": "Not Found", "message": wanted}, response=response)


def check_unknown_url_json(client):
    """A URL with no route is a JSON 404 too"""
    expect_error_json(client.get(f"/{fresh_word()}/{fresh_word()}"), 404, "Not Found")


def check_405_json(client):
    """A wrong method is a JSON 405"""
    expect_error_json(client.get(f"/orders/{fresh_word()}"), 405, "Method Not Allowed")


def check_out_of_stock(client):
    """OutOfStock becomes a 409 with a clear message"""
    product = fresh_word()
    client.probe("add_stock", product=product, count=1)
    expect_status(client.post(f"/orders/{product}"), 201)
    response = client.post(f"/orders/{product}")
    expect_status(response, 409)
    expect_json(response, {"error": "Out of stock", "message": f"{product} is sold out"})


def check_500_hides_details(client):
    """An unexpected error is a generic JSON 500 that leaks nothing"""
    response = client.get("/crash")
    expect_status(response, 500)
    expect("database-password" not in response.text, "The 500 leaks the exception's text: send a generic message and log the details", expected=GENERIC_500, response=response)
    is_json = "json" in response.headers.get("Content-Type", "")
    expect(is_json, "The 500 must be JSON, not Flask's HTML error page", expected=GENERIC_500, response=response)
    expect_json(response, GENERIC_500)


def check_500_is_logged(client):
    """An unexpected error is logged with app.logger, traceback included"""
    client.probe("start_log")
    expect_status(client.get("/crash"), 500)
    records = client.probe("log")
    logged = [r for r in records if r["level"] in ("ERROR", "CRITICAL") and r["exception"] == "KeyError"]
    expect(
        logged,
        "The KeyError behind GET /crash must be logged with app.logger at ERROR level with its traceback (app.logger.exception(...) inside the handler)",
        expected="an ERROR record from app.logger carrying the KeyError",
        actual=records or "nothing was logged through app.logger",
    )


def check_orders_still_work(client):
    """A normal order still succeeds"""
    product = fresh_word()
    client.probe("add_stock", product=product, count=2)
    response = client.post(f"/orders/{product}")
    expect_status(response, 201)
    expect_json(response, {"ordered": product})
