from crossroads_checks import expect, expect_json, expect_status, fresh_title

PRODUCTS = {"store": "Corner Shop", "products": ["Teapot", "Kettle"]}


def check_products_under_prefix(client):
    """GET /api/products/ lists the products with the store name"""
    response = client.get("/api/products/")
    expect_status(response, 200)
    expect_json(response, PRODUCTS)


def check_health(client):
    """GET /health answers ok"""
    response = client.get("/health")
    expect_status(response, 200)
    expect_json(response, {"status": "ok"})


def check_new_app_each_call(client):
    """create_app() builds a new app every time it is called"""
    facts = client.probe("factory", store=fresh_title())
    expect(
        facts["all_different"] and not facts["module_app_is_returned"],
        "create_app() returned the same app more than once: create the Flask object inside the function",
        expected="a new app from every call",
        actual="the same app object came back twice" if not facts["all_different"] else "create_app() returned the module-level app",
    )


def check_products_blueprint(client):
    """The product routes live in a blueprint named 'products'"""
    facts = client.probe("factory", store=fresh_title())
    expect("products" in facts["blueprints"], "Expected a blueprint named 'products' registered on the app", expected=["products"], actual=facts["blueprints"])
    endpoints = facts["product_endpoints"]
    expect(
        endpoints and all(name.startswith("products.") for name in endpoints),
        "The /api/products routes must belong to the 'products' blueprint (endpoints named products.<view>)",
        expected="products.<view name>",
        actual=endpoints,
    )
    expect(facts["default"] == {"status": 200, "json": PRODUCTS}, "An app from create_app() answers GET /api/products/", expected={"status": 200, "json": PRODUCTS}, actual=facts["default"])
    expect(facts["health"] == {"status": 200, "json": {"status": "ok"}}, "An app from create_app() answers GET /health", expected={"status": 200, "json": {"status": "ok"}}, actual=facts["health"])


def check_test_config_applies(client):
    """Configuration passed to create_app() reaches the blueprint, and only that app"""
    store = fresh_title()
    facts = client.probe("factory", store=store)
    wanted = {"status": 200, "json": {**PRODUCTS, "store": store}}
    expect(
        facts["custom"] == wanted,
        f"create_app({{'STORE_NAME': {store!r}}}) must give an app whose GET /api/products/ shows that store name (read it with current_app.config)",
        expected=wanted,
        actual=facts["custom"],
    )
    expect(facts["custom_testing"] is True, "Every key of test_config must reach app.config", expected={"TESTING": True}, actual={"TESTING": facts["custom_testing"]})
    expect(
        facts["later"] == {"status": 200, "json": PRODUCTS},
        "A test config must not leak into apps created afterwards: create_app() with no argument is back to 'Corner Shop'",
        expected={"status": 200, "json": PRODUCTS},
        actual=facts["later"],
    )
