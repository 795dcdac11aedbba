import os
import random
import sqlite3
import tempfile

from flask import Flask, g, request

app = Flask(__name__)
# Given: a new database file for every run, in a temporary folder (it works on the server and in
# your browser). Read the path from app.config["DATABASE"].
app.config["DATABASE"] = os.path.join(tempfile.mkdtemp(), "books.sqlite")

# TODO: one connection shared by every request. Replace it with a connection per request.
connection = sqlite3.connect(app.config["DATABASE"], check_same_thread=False)
connection.row_factory = sqlite3.Row


def get_db():
    # TODO: open a connection for this request, keep it on g, and close it when the request ends.
    return connection


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
    db = get_db()
    # TODO: this puts the values into the SQL text. Use ? placeholders instead.
    cursor = db.execute(f"INSERT INTO book (title, author) VALUES ('{title}', '{author}')")
    db.commit()
    return {"id": cursor.lastrowid, "title": title, "author": author}, 201


# TODO: GET /books/<int:book_id> returns one book, or 404 with {"error": "Book not found"}.
