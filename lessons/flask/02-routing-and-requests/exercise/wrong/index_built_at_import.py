# Lowers every title once, when the file is imported: fast, but books added later are never found.
from flask import Flask, request

app = Flask(__name__)

BOOKS = ["Dune", "Dune Messiah", "Emma", "Middlemarch", "The Left Hand of Darkness"]
INDEX = [(title.lower(), title) for title in BOOKS]


# Given, keep it as it is: the checks add books of their own through it.
@app.post("/books")
def add_book():
    BOOKS.append(str(request.get_json()["title"]))
    return {"count": len(BOOKS)}, 201


@app.get("/search")
def search():
    term = request.args.get("q", "").strip().lower()
    if not term:
        return {"error": "Add a search term with ?q="}, 400
    limit = request.args.get("limit", 10, type=int)
    matches = [title for lowered, title in INDEX if term in lowered]
    return {"results": matches[:limit]}


@app.get("/books/<int:number>")
def book(number):
    if not 1 <= number <= len(BOOKS):
        return {"error": "No such book"}, 404
    return {"title": BOOKS[number - 1]}
