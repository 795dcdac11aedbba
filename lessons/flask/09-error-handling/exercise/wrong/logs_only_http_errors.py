# The catch-all handler logs only in its HTTPException branch: the unexpected error itself is never logged.
from flask import Flask, abort
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


@app.errorhandler(Exception)
def unexpected_error(error):
    if isinstance(error, HTTPException):
        app.logger.exception("HTTP error")
        return http_error(error)
    return {"error": "Internal Server Error", "message": "Something went wrong on our side."}, 500


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
