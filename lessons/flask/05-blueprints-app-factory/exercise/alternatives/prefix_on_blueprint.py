# The blueprint is built inside the factory with its url_prefix, and test_config goes through from_mapping.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]


def products_blueprint():
    bp = Blueprint("products", __name__, url_prefix="/api/products")

    @bp.route("/")
    def index():
        return {"store": current_app.config["STORE_NAME"], "products": list(PRODUCTS)}

    return bp


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["STORE_NAME"] = "Corner Shop"
    app.config.from_mapping(test_config or {})
    app.register_blueprint(products_blueprint())
    app.add_url_rule("/health", "health", lambda: {"status": "ok"})
    return app


app = create_app()
