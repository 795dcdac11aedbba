# Copies test_config with setdefault, which never replaces a key that is already there: a test
# config's STORE_NAME is ignored and the app keeps "Corner Shop".
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STORE_NAME="Corner Shop")
    for key, value in (test_config or {}).items():
        app.config.setdefault(key, value)
    app.register_blueprint(bp, url_prefix="/api/products")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
