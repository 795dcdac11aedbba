# Copies test_config key by key into `settings`, but `settings` is only another name for the
# module-level DEFAULTS dict, not a copy: one test's config leaks into every app built afterwards.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]
DEFAULTS = {"STORE_NAME": "Corner Shop"}

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None):
    app = Flask(__name__)
    settings = DEFAULTS
    for key, value in (test_config or {}).items():
        settings[key] = value
    app.config.from_mapping(settings)
    app.register_blueprint(bp, url_prefix="/api/products")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
