# abort(404) with a JSON error handler that reads the description, and sorted(ITEMS.items()).
from flask import Flask, abort, redirect, request, url_for

app = Flask(__name__)

ITEMS = {
    1: {"id": 1, "name": "Teapot", "price": 30},
    2: {"id": 2, "name": "Kettle", "price": 25},
    3: {"id": 3, "name": "Mug", "price": 8},
}


# Given, keep it as it is: the checks add items of their own through it.
@app.post("/items")
def add_item():
    item = request.get_json()
    ITEMS[int(item["id"])] = item
    return {"count": len(ITEMS)}, 201


@app.errorhandler(404)
def not_found(error):
    return {"error": error.description}, 404


@app.get("/items")
def list_items():
    items = [item for _, item in sorted(ITEMS.items())]
    return {"items": items}, {"X-Total-Count": str(len(items))}


@app.get("/items/<int:item_id>")
def get_item(item_id):
    if item_id not in ITEMS:
        abort(404, description=f"Item {item_id} not found")
    return ITEMS[item_id]


@app.get("/items/latest")
def latest_item():
    newest = max(ITEMS.values(), key=lambda item: item["id"])
    return redirect(url_for("get_item", item_id=newest["id"]))
