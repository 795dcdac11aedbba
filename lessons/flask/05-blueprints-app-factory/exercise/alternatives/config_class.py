# Defaults in a config class loaded with from_object, jsonify in the blueprint, and health as a
# named function registered inside the factory.
from flask import Blueprint, Flask, current_app, jsonify


class DefaultConfig:
    STORE_NAME = "Corner Shop"


products = Blueprint("products", __name__)


@products.route("/", methods=["GET"])
def product_list():
    return jsonify(store=current_app.config["STORE_NAME"], products=["Teapot", "Kettle"])


def health():
    return jsonify(status="ok")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_object(DefaultConfig)
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.register_blueprint(products, url_prefix="/api/products")
    app.add_url_rule("/health", view_func=health)
    return app


app = create_app()
