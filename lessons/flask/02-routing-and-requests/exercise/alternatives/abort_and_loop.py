# A plain loop that stops at the limit, and abort() with a JSON error handler for the 404s.
from flask import Flask, abort, request

app = Flask(__name__)

BOOKS = ["Dune", "Dune Messiah", "Emma", "Middlemarch", "The Left Hand of Darkness"]


# Given, keep it as it is: the checks add books of their own through it.
@app.post("/books")
def add_book():
    BOOKS.append(str(request.get_json()["title"]))
    return {"count": len(BOOKS)}, 201


@app.errorhandler(404)
def not_found(error):
    return {"error": "Not found"}, 404


@app.get("/search")
def search():
    term = request.args.get("q", default="", type=str)
    limit = request.args.get("limit", default=10, type=int)
    if not term:
        return {"error": "Add a search term with ?q="}, 400
    results = []
    for title in BOOKS:
        if len(results) == limit:
            break
        if term.lower() in title.lower():
            results.append(title)
    return {"results": results}


@app.get("/books/<int:number>")
def book(number):
    if number == 0 or number > len(BOOKS):
        abort(404)
    return {"title": BOOKS[number - 1]}
