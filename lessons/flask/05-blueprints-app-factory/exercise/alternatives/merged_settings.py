# The defaults live in a module-level dict that is never changed: the factory builds a new merged
# dict from it and test_config, then loads that into the app's config.
from flask import Blueprint, Flask, current_app

DEFAULTS = {"STORE_NAME": "Corner Shop"}

catalog = Blueprint("products", __name__)


@catalog.get("/")
def catalog_index():
    return {"store": current_app.config["STORE_NAME"], "products": ["Teapot", "Kettle"]}


def create_app(test_config=None):
    settings = dict(DEFAULTS)
    settings.update(test_config or {})

    app = Flask(__name__)
    app.config.from_mapping(settings)
    app.register_blueprint(catalog, url_prefix="/api/products")
    app.add_url_rule("/health", "health", lambda: {"status": "ok"})
    return app


app = create_app()
