# jsonify and make_response to set the status and header on a response object; redirect to a path.
from flask import Flask, jsonify, make_response, redirect, request

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


@app.route("/items")
def list_items():
    items = sorted(ITEMS.values(), key=lambda item: item["id"])
    response = make_response(jsonify(items=items))
    response.headers["X-Total-Count"] = len(items)
    return response


@app.route("/items/<int:item_id>")
def get_item(item_id):
    if item_id not in ITEMS:
        return make_response(jsonify(error=f"Item {item_id} not found"), 404)
    return jsonify(ITEMS[item_id])


@app.route("/items/latest")
def latest_item():
    return redirect(f"/items/{max(ITEMS)}", code=302)
