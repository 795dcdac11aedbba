# `import flask` and module attributes everywhere, the blueprint's name as a keyword, the settings
# read with flask.current_app, and the test config merged into a fresh dict before from_mapping.
import flask

products_bp = flask.Blueprint(name="products", import_name=__name__)


@products_bp.route("/")
def products():
    settings = flask.current_app.config
    return flask.jsonify({"store": settings["STORE_NAME"], "products": ["Teapot", "Kettle"]})


def create_app(test_config=None):
    new_app = flask.Flask(__name__)
    new_app.config.from_mapping({"STORE_NAME": "Corner Shop", **(test_config or {})})
    new_app.register_blueprint(products_bp, url_prefix="/api/products")

    @new_app.route("/health")
    def health():
        return flask.jsonify(status="ok")

    return new_app


app = create_app()
