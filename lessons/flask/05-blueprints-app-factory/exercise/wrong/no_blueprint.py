# A proper factory, but the product route is added to the app directly, with no 'products' blueprint.
from flask import Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STORE_NAME="Corner Shop")
    if test_config:
        app.config.update(test_config)

    @app.get("/api/products/")
    def list_products():
        return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
