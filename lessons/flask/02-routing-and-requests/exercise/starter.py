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
    term = request.args["q"]
    return {"results": [title for title in BOOKS if term in title]}


# Add GET /books/<number> here.
