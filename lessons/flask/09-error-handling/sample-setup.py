# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds one app from the lesson's first three code blocks: the books
# view with its NotFound, the HTTPException handler and the Exception handler that logs, so the
# samples can use `app` as the prose does.
from flask import Flask
from werkzeug.exceptions import HTTPException, NotFound

app = Flask(__name__)
BOOKS = {1: "Dune"}


@app.get("/books/<int:book_id>")
def book(book_id):
    if book_id not in BOOKS:
        raise NotFound(f"No book with id {book_id}")
    return {"id": book_id, "title": BOOKS[book_id]}


@app.errorhandler(HTTPException)
def http_error(error):
    return {"error": error.name, "message": error.description}, error.code


@app.errorhandler(Exception)
def unexpected_error(error):
    if isinstance(error, HTTPException):
        return http_error(error)
    app.logger.exception("Unhandled error")
    return {"error": "Internal Server Error", "message": "Something went wrong on our side."}, 500
