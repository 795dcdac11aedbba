# Mistake: get_db opens a new connection on every call instead of reusing the one on g; the earlier ones of a request are never closed.
import os
import random
import sqlite3
import tempfile

from flask import Flask, current_app, g, request

app = Flask(__name__)
# Given: a new database file for every run, in a temporary folder (it works on the server and in
# your browser). Read the path from app.config["DATABASE"].
app.config["DATABASE"] = os.path.join(tempfile.mkdtemp(), "books.sqlite")


def get_db():
    g.db = sqlite3.connect(current_app.config["DATABASE"])
    g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exception):
    db = g.pop("db", None)
    if db is not None:
        db.close()


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


@app.get("/books")
def list_books():
    rows = get_db().execute("SELECT id, title, author FROM book ORDER BY id").fetchall()
    return {"books": [dict(row) for row in rows]}


@app.post("/books")
def create_book():
    data = request.get_json(silent=True) or {}
    title, author = data.get("title"), data.get("author")
    if not (isinstance(title, str) and title.strip() and isinstance(author, str) and author.strip()):
        return {"error": "title and author are required"}, 400
    db = get_db()
    cursor = db.execute("INSERT INTO book (title, author) VALUES (?, ?)", (title, author))
    db.commit()
    return {"id": cursor.lastrowid, "title": title, "author": author}, 201


@app.get("/books/<int:book_id>")
def get_book(book_id):
    row = get_db().execute("SELECT id, title, author FROM book WHERE id = ?", (book_id,)).fetchone()
    if row is None:
        return {"error": "Book not found"}, 404
    return dict(row)
