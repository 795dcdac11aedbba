# A mutable default argument (settings={...}) is updated with test_config, so one test's config leaks into every later app.
from flask import Blueprint, Flask, current_app

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None, settings={"STORE_NAME": "Corner Shop"}):
    # The mutable default is built once, so a test's STORE_NAME stays in it for every later app.
    if test_config:
        settings.update(test_config)
    app = Flask(__name__)
    app.config.update(settings)

    app.register_blueprint(bp, url_prefix="/api/products")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
