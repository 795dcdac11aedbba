# The anti-pattern the lesson replaces: one global app, and create_app() hands back that same object,
# so every test shares (and changes) one app.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


app = Flask(__name__)
app.config["STORE_NAME"] = "Corner Shop"
app.register_blueprint(bp, url_prefix="/api/products")


@app.get("/health")
def health():
    return {"status": "ok"}


def create_app(test_config=None):
    if test_config:
        app.config.update(test_config)
    return app
