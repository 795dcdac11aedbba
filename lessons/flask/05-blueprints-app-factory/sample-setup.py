# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. Samples run in an empty folder: this writes the lesson's `shop` package
# there (shop/__init__.py with create_app, shop/catalog.py with the blueprint, as the lesson shows
# them) so the samples can import it. Everything is inside a function so no name leaks into a sample.


def _write_shop_package():
    import pathlib

    package = pathlib.Path("shop")
    package.mkdir()
    (package / "__init__.py").write_text(
        '''from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE="shop.sqlite",
    )
    if test_config is None:
        app.config.from_prefixed_env()
    else:
        app.config.update(test_config)

    from . import catalog
    app.register_blueprint(catalog.bp)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app
'''
    )
    (package / "catalog.py").write_text(
        '''from flask import Blueprint, abort

bp = Blueprint("catalog", __name__, url_prefix="/products")

PRODUCTS = {1: "Teapot", 2: "Kettle"}


@bp.get("/")
def list_products():
    return {"products": [{"id": pid, "name": name} for pid, name in PRODUCTS.items()]}


@bp.get("/<int:product_id>")
def get_product(product_id):
    if product_id not in PRODUCTS:
        abort(404)
    return {"id": product_id, "name": PRODUCTS[product_id]}
'''
    )


_write_shop_package()
del _write_shop_package
