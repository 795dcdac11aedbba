import os
import random
import sqlite3
import tempfile

from flask import Flask, abort, current_app, g, request

app = Flask(__name__)
# Given: a new database file for every run, in a temporary folder (it works on the server and in
# your browser). Read the path from app.config["DATABASE"].
app.config["DATABASE"] = os.path.join(tempfile.mkdtemp(), "books.sqlite")


def get_db():
    db = getattr(g, "_database", None)
    if db is None:
        db = sqlite3.connect(current_app.config["DATABASE"])
        db.row_factory = sqlite3.Row
        g._database = db
    return db


def close_db(exception=None):
    db = getattr(g, "_database", None)
    if db is not None:
        db.close()
        g._database = None


def init_app(flask_app):
    flask_app.teardown_appcontext(close_db)


init_app(app)


def init_db():
    """Given: creates the book table. Ids start at a different number every run. Leave it as it is."""
    db = get_db()
    db.executescript(
        """
        DROP TABLE IF EXISTS book;
        CREATE TABLE book (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            author TEXT NOT NULL
        );
        """
    )
    db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('book', ?)", (random.randint(100, 9000),))
    db.commit()


with app.app_context():
    init_db()

SELECT_BOOK = "SELECT id, title, author FROM book "


@app.errorhandler(404)
def not_found(error):
    return {"error": error.description}, 404


@app.get("/books")
def list_books():
    return {"books": [dict(row) for row in get_db().execute(SELECT_BOOK + "ORDER BY id")]}


@app.post("/books")
def create_book():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return {"error": "send a JSON object with a title and an author"}, 400
    book = {key: data.get(key) for key in ("title", "author")}
    missing = [key for key, value in book.items() if not isinstance(value, str) or not value.strip()]
    if missing:
        return {"error": f"missing: {', '.join(missing)}"}, 400
    db = get_db()
    with db:  # commits when the block ends without an error
        cursor = db.execute("INSERT INTO book (title, author) VALUES (:title, :author)", book)
    return {"id": cursor.lastrowid, **book}, 201


@app.get("/books/<int:book_id>")
def get_book(book_id):
    row = get_db().execute(SELECT_BOOK + "WHERE id = :id", {"id": book_id}).fetchone()
    if row is None:
        abort(404, description="Book not found")
    return dict(row)
