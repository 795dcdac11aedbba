# Keeps the settings in one module-level dict and updates it, so a test config leaks into every
# app created afterwards.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]
SETTINGS = {"STORE_NAME": "Corner Shop"}

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None):
    app = Flask(__name__)
    if test_config:
        SETTINGS.update(test_config)
    app.config.from_mapping(SETTINGS)
    app.register_blueprint(bp, url_prefix="/api/products")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
