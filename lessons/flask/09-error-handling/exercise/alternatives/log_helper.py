# The Exception handler relies on the more specific HTTPException handler, and logs through a
# helper that uses current_app.logger with exc_info=True.
from flask import Flask, abort, current_app, jsonify
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


@app.errorhandler(HTTPException)
def http_error(error):
    return {"error": error.name, "message": error.description}, error.code


@app.errorhandler(OutOfStock)
def out_of_stock(error):
    return {"error": "Out of stock", "message": f"{error.product} is sold out"}, 409


def report(error):
    log = current_app.logger
    log.error("Unhandled %s on a request", type(error).__name__, exc_info=True)


@app.errorhandler(Exception)
def unexpected_error(error):
    # No HTTPException check needed here: Flask picks the most specific handler, so HTTP errors go
    # to http_error above and only the other exceptions reach this one.
    report(error)
    return jsonify(error="Internal Server Error", message="Something went wrong on our side."), 500


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
