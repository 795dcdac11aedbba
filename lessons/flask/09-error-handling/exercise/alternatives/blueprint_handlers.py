# The error handlers live in a blueprint: app_errorhandler registers them for the whole app, and
# current_app.logger is the app's logger. The traceback is logged with exc_info.
from flask import Blueprint, Flask, abort, current_app, jsonify
from werkzeug.exceptions import HTTPException

errors = Blueprint("errors", __name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


@errors.app_errorhandler(HTTPException)
def http_error(error):
    return jsonify(error=error.name, message=error.description), error.code


@errors.app_errorhandler(OutOfStock)
def out_of_stock(error):
    return jsonify(error="Out of stock", message=f"{error.product} is sold out"), 409


@errors.app_errorhandler(Exception)
def unexpected_error(error):
    current_app.logger.critical("Unhandled %r", error, exc_info=error)
    return jsonify(error="Internal Server Error", message="Something went wrong on our side."), 500


app = Flask(__name__)
app.register_blueprint(errors)


@app.post("/orders/<product>")
def order(product):
    if product not in STOCK:
        abort(404, description=f"No product called {product}")
    if STOCK[product] == 0:
        raise OutOfStock(product)
    STOCK[product] -= 1
    return {"ordered": product}, 201


@app.get("/crash")
def crash():
    return {"secret": {}["database-password"]}
