# Handles 404 alone, so a 405 (and any other HTTP error) is still Flask's HTML page.
from flask import Flask, abort
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


@app.errorhandler(404)
def not_found(error):
    return {"error": error.name, "message": error.description}, 404


@app.errorhandler(OutOfStock)
def out_of_stock(error):
    return {"error": "Out of stock", "message": f"{error.product} is sold out"}, 409


@app.errorhandler(500)
def server_error(error):
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
