# create_app hands test_config to a configure(app, test_config) helper that calls app.config.update(test_config).
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def configure(app, test_config=None):
    """Defaults first, then whatever the caller (a test) overrides."""
    app.config.from_mapping(STORE_NAME="Corner Shop")
    if test_config:
        app.config.update(test_config)


def create_app(test_config=None):
    app = Flask(__name__)
    configure(app, test_config)

    app.register_blueprint(bp, url_prefix="/api/products")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
