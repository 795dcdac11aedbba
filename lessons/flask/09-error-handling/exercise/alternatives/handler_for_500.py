# A handler for 500 instead of Exception: Flask logs the original exception with app.logger itself
# before it calls the 500 handler, and HTTP errors never reach it. Handlers registered with a call.
from flask import Flask, abort
from werkzeug.exceptions import HTTPException, InternalServerError

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


def server_error(error):
    return {"error": "Internal Server Error", "message": "Something went wrong on our side."}, 500


app.register_error_handler(HTTPException, http_error)
app.register_error_handler(OutOfStock, out_of_stock)
app.register_error_handler(InternalServerError, server_error)


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
