# casefold() instead of lower(), the limit parsed by hand with a fallback, islice to cap a generator,
# and try/except around the list lookup.
from itertools import islice

from flask import Flask, jsonify, request

app = Flask(__name__)

BOOKS = ["Dune", "Dune Messiah", "Emma", "Middlemarch", "The Left Hand of Darkness"]


# Given, keep it as it is: the checks add books of their own through it.
@app.post("/books")
def add_book():
    BOOKS.append(str(request.get_json()["title"]))
    return {"count": len(BOOKS)}, 201
DEFAULT_LIMIT = 10


def read_limit():
    try:
        return int(request.args.get("limit", DEFAULT_LIMIT))
    except ValueError:
        return DEFAULT_LIMIT


@app.route("/search")
def search():
    term = request.args.get("q", "").casefold()
    if term == "":
        return jsonify(error="Add a search term with ?q="), 400
    found = (title for title in BOOKS if term in title.casefold())
    return jsonify(results=list(islice(found, read_limit())))


@app.route("/books/<int:number>")
def book(number):
    if number < 1:
        return jsonify(error="No such book"), 404
    try:
        return jsonify(title=BOOKS[number - 1])
    except IndexError:
        return jsonify(error="No such book"), 404
