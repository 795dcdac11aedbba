# Registers the handlers with calls instead of decorators. Only the 500 handler
# logs, but Flask sends /crash to the Exception handler, which does not, so the error is lost.
from flask import Flask, abort
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


def http_error(error):
    return {"error": error.name, "message": error.description}, error.code


def out_of_stock(error):
    return {"error": "Out of stock", "message": f"{error.product} is sold out"}, 409


def unexpected_error(error):
    if isinstance(error, HTTPException):
        return http_error(error)
    return {"error": "Internal Server Error", "message": "Something went wrong on our side."}, 500


def server_error(error):
    app.logger.exception("Unhandled error")
    return {"error": "Internal Server Error", "message": "Something went wrong on our side."}, 500


app.errorhandler(HTTPException)(http_error)
app.errorhandler(OutOfStock)(out_of_stock)
app.errorhandler(Exception)(unexpected_error)
app.register_error_handler(500, server_error)


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
