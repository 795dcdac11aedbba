# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds the app from the lesson's code blocks (the views of each section,
# in one module), so the samples can use `app` as the prose does.
from flask import Flask, abort, jsonify, make_response, redirect, url_for

app = Flask(__name__)


@app.get("/api/status")
def status():
    return {"status": "ok", "version": 3}


@app.get("/api/colours")
def colours():
    return ["red", "green", "blue"]


@app.post("/api/notes")
def create_note():
    return {"id": 7, "title": "Buy tea"}, 201, {"Location": "/api/notes/7"}


@app.get("/api/old-style")
def old_style():
    return jsonify(status="ok", version=3)


@app.get("/report.csv")
def report():
    response = make_response("id,name\n1,Ada\n")
    response.headers["Content-Type"] = "text/csv"
    response.headers["Content-Disposition"] = "attachment; filename=report.csv"
    response.set_cookie("last_report", "today")
    return response


@app.get("/notes/<int:note_id>")
def show_note(note_id):
    return {"id": note_id}


@app.get("/notes/newest")
def newest_note():
    return redirect(url_for("show_note", note_id=7))


BOOKS = {1: "Dune", 2: "Emma"}


def find_book(book_id):
    title = BOOKS.get(book_id)
    if title is None:
        abort(404, description=f"No book with id {book_id}")
    return title


@app.get("/books/<int:book_id>")
def book(book_id):
    return {"id": book_id, "title": find_book(book_id)}


@app.get("/api/books/<int:book_id>")
def api_book(book_id):
    title = BOOKS.get(book_id)
    if title is None:
        return {"error": f"No book with id {book_id}"}, 404
    return {"id": book_id, "title": title}
