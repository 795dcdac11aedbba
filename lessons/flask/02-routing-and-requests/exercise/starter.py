from flask import Flask, request

app = Flask(__name__)

BOOKS = ["Dune", "Dune Messiah", "Emma", "Middlemarch", "The Left Hand of Darkness"]


@app.get("/search")
def search():
    term = request.args["q"]
    return {"results": [title for title in BOOKS if term in title]}


# Add GET /books/<number> here.
