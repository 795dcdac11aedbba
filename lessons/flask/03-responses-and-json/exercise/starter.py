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


@app.get("/items")
def list_items():
    return {"items": list(ITEMS.values())}


@app.get("/items/<int:item_id>")
def get_item(item_id):
    if item_id not in ITEMS:
        abort(404)
    return ITEMS[item_id]


@app.get("/items/latest")
def latest_item():
    return ITEMS[max(ITEMS)]
