from flask import Flask, abort
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


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
