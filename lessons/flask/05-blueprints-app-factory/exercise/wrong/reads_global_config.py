# The blueprint reads the module-level app's config instead of current_app, so a test config
# passed to create_app() never reaches the page.
from flask import Blueprint, Flask

PRODUCTS = ["Teapot", "Kettle"]

bp = Blueprint("products", __name__)


@bp.get("/")
def list_products():
    return {"store": app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None):
    new_app = Flask(__name__)
    new_app.config.from_mapping(STORE_NAME="Corner Shop")
    if test_config:
        new_app.config.update(test_config)
    new_app.register_blueprint(bp, url_prefix="/api/products")

    @new_app.get("/health")
    def health():
        return {"status": "ok"}

    return new_app


app = create_app()
