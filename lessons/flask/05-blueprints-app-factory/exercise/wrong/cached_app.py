# Builds the app inside create_app() but keeps the first one in a global and hands it back on every
# later call: the page looks right, but every test shares one app and its config.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)
_app = None


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None):
    global _app
    if _app is None:
        _app = Flask(__name__)
        _app.config.from_mapping(STORE_NAME="Corner Shop")
        _app.register_blueprint(bp, url_prefix="/api/products")

        @_app.get("/health")
        def health():
            return {"status": "ok"}

    if test_config:
        _app.config.update(test_config)
    return _app


app = create_app()
