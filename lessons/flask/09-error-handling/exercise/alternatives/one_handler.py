# One handler for every exception that sorts them itself, jsonify, and logger.error with exc_info.
from flask import Flask, abort, jsonify
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


@app.errorhandler(Exception)
def any_error(error):
    if isinstance(error, HTTPException):
        return jsonify(error=error.name, message=error.description), error.code
    if isinstance(error, OutOfStock):
        return jsonify(error="Out of stock", message=f"{error.product} is sold out"), 409
    app.logger.error("Unhandled %s", type(error).__name__, exc_info=error)
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
