# The test config is copied key by key with a loop, after the default is set.
from flask import Blueprint, Flask, current_app

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": current_app.config["STORE_NAME"], "products": ["Teapot", "Kettle"]}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["STORE_NAME"] = "Corner Shop"
    if test_config:
        for key, value in test_config.items():
            app.config[key] = value
    app.register_blueprint(bp, url_prefix="/api/products")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


app = create_app()
