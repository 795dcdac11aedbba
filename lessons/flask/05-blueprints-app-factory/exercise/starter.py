from flask import Flask

app = Flask(__name__)
app.config["STORE_NAME"] = "Corner Shop"

PRODUCTS = ["Teapot", "Kettle"]


@app.get("/api/products/")
def list_products():
    return {"store": app.config["STORE_NAME"], "products": PRODUCTS}


def create_app(test_config=None):
    # Build and return a new app here.
    return app


# Once create_app() builds the app, end the file with `app = create_app()`: that is the app the checks visit.
