# Most handlers live in an "errors" blueprint (app_errorhandler makes them app-wide). The app's 500
# handler logs, but the Exception handler answers /crash first and never logs, so the error is lost.
from flask import Blueprint, Flask, abort, current_app
from werkzeug.exceptions import HTTPException, InternalServerError

errors = Blueprint("errors", __name__)

STOCK = {"teapot": 0, "kettle": 3}


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(product)
        self.product = product


@errors.app_errorhandler(HTTPException)
def http_error(error):
    return {"error": error.name, "message": error.description}, error.code


@errors.app_errorhandler(OutOfStock)
def out_of_stock(error):
    return {"error": "Out of stock", "message": f"{error.product} is sold out"}, 409


@errors.app_errorhandler(Exception)
def unexpected_error(error):
    if isinstance(error, HTTPException):
        return http_error(error)
    return {"error": "Internal Server Error", "message": "Something went wrong on our side."}, 500


app = Flask(__name__)
app.register_blueprint(errors)


@app.errorhandler(InternalServerError)
def server_error(error):
    current_app.logger.exception("Unhandled error")
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
