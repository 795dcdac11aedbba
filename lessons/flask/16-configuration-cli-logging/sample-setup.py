# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It writes the lesson's shop app, app.py, into the sample's empty folder,
# exactly as the lesson shows it (the two blocks of "The app used in this lesson" joined).
import pathlib

APP = r'''
import click
from flask import Flask, current_app, request
from flask.cli import AppGroup

products_cli = AppGroup("products", help="Manage the catalogue.")


@products_cli.command("add")
@click.argument("name")
@click.option("--price", type=float, required=True, help="Price in euros.")
def add_product(name, price):
    """Add NAME to the catalogue."""
    products = current_app.extensions["products"]
    if name in products:
        raise click.ClickException(f"{name} is already in the catalogue")
    products[name] = price
    click.echo(f"Added {name} at {price:.2f}")


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(SHOP_NAME="Corner Shop", PAGE_SIZE=20)  # 1. defaults, no secrets
    app.config.from_pyfile("config.py", silent=True)  # 2. instance/config.py, if there is one
    app.config.from_prefixed_env()  # 3. FLASK_* environment variables
    if test_config is not None:  # 4. a test's own settings win
        app.config.from_mapping(test_config)

    app.extensions["products"] = {}
    app.cli.add_command(products_cli)

    @app.get("/about")
    def about():
        return {"shop": current_app.config["SHOP_NAME"], "page_size": current_app.config["PAGE_SIZE"]}

    @app.get("/products")
    def list_products():
        page = request.args.get("page", "1")
        if not page.isdigit():
            current_app.logger.warning("Bad page number %r from %s", page, request.remote_addr)
            return {"error": "page must be a whole number"}, 400
        return {"page": int(page), "products": current_app.extensions["products"]}

    return app
'''

pathlib.Path("app.py").write_text(APP.lstrip())
