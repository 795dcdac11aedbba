from main import create_app


def check_new_app_each_call():
    """create_app() returns a new app each time"""
    first, second = create_app(), create_app()
    assert first is not second, "create_app() returned the same app twice: build a new Flask object inside it"


def check_products_under_prefix():
    """GET /api/products/ lists the products with the store name"""
    response = create_app().test_client().get("/api/products/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    body = response.get_json()
    assert body == {"store": "Corner Shop", "products": ["Teapot", "Kettle"]}, f"Got {body!r}"


def check_test_config_applies():
    """Configuration passed to create_app() reaches the blueprint"""
    body = create_app({"STORE_NAME": "Test Shop"}).test_client().get("/api/products/").get_json()
    assert body and body.get("store") == "Test Shop", f"Expected store 'Test Shop' from the test config, got {body!r}"


def check_blueprint_name():
    """The routes live in a blueprint named 'products'"""
    app = create_app()
    assert "products" in app.blueprints, f"Expected a blueprint named 'products', found {sorted(app.blueprints)}"


def check_health():
    """GET /health answers ok"""
    response = create_app().test_client().get("/health")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}, f"Got {response.status_code} {response.get_json(silent=True)!r}"
