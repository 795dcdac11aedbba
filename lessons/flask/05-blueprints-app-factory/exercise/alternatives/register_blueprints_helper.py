# The blueprint is registered in a register_blueprints(app) helper that create_app calls.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def register_blueprints(app):
    app.register_blueprint(bp, url_prefix="/api/products")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STORE_NAME="Corner Shop")
    if test_config:
        app.config.update(test_config)

    register_blueprints(app)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
