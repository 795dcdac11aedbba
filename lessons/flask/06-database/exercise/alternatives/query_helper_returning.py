import os
import random
import sqlite3
import tempfile

import flask
from flask import Flask, g, jsonify, request

app = Flask(__name__)
# Given: a new database file for every run, in a temporary folder (it works on the server and in
# your browser). Read the path from app.config["DATABASE"].
app.config["DATABASE"] = os.path.join(tempfile.mkdtemp(), "books.sqlite")


def get_db():
    if "db" not in g:
        connection = sqlite3.connect(flask.current_app.config["DATABASE"])
        connection.row_factory = sqlite3.Row
        g.db = connection
    return g.db


@app.teardown_appcontext
def close_db(exception):
    if (db := g.pop("db", None)) is not None:
        db.close()


def query(sql, args=(), one=False):
    rows = get_db().execute(sql, args).fetchall()
    if one:
        return dict(rows[0]) if rows else None
    return [dict(row) for row in rows]


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


@app.route("/books", methods=["GET", "POST"])
def books():
    if request.method == "GET":
        return jsonify(books=query("SELECT id, title, author FROM book ORDER BY id"))
    data = request.get_json(silent=True) or {}
    title = data.get("title")
    author = data.get("author")
    if not isinstance(title, str) or not isinstance(author, str) or not title.strip() or not author.strip():
        return jsonify(error="A book needs a title and an author"), 400
    db = get_db()
    row = db.execute(
        "INSERT INTO book (title, author) VALUES (?, ?) RETURNING id, title, author", (title, author)
    ).fetchone()
    book = dict(row)
    db.commit()
    return jsonify(book), 201


@app.get("/books/<int:book_id>")
def book(book_id):
    found = query("SELECT id, title, author FROM book WHERE id = ?", (book_id,), one=True)
    if found is None:
        return jsonify(error="Book not found"), 404
    return jsonify(found)
