# int(request.args.get("limit", 10)) crashes with a 500 on ?limit=abc instead of using the default.
from flask import Flask, request

app = Flask(__name__)

BOOKS = ["Dune", "Dune Messiah", "Emma", "Middlemarch", "The Left Hand of Darkness"]


# Given, keep it as it is: the checks add books of their own through it.
@app.post("/books")
def add_book():
    BOOKS.append(str(request.get_json()["title"]))
    return {"count": len(BOOKS)}, 201


@app.get("/search")
def search():
    term = request.args.get("q", "").lower()
    if not term:
        return {"error": "Add a search term with ?q="}, 400
    limit = int(request.args.get("limit", 10))
    return {"results": [title for title in BOOKS if term in title.lower()][:limit]}


@app.get("/books/<int:number>")
def book(number):
    if not 1 <= number <= len(BOOKS):
        return {"error": "No such book"}, 404
    return {"title": BOOKS[number - 1]}
