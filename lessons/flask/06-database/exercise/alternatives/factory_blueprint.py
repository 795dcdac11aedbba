import os
import random
import sqlite3
import tempfile

from flask import Blueprint, Flask, current_app, g, request

books = Blueprint("books", __name__, url_prefix="/books")


def get_db():
    if "connection" not in g:
        g.connection = sqlite3.connect(current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES)
        g.connection.row_factory = sqlite3.Row
    return g.connection


def close_db(exception=None):
    connection = g.pop("connection", None)
    if connection is not None:
        connection.close()


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


@books.get("")
def list_books():
    newest_first = request.args.get("order") == "newest"
    sql = "SELECT id, title, author FROM book ORDER BY id DESC" if newest_first else "SELECT id, title, author FROM book ORDER BY id"
    return {"books": [dict(row) for row in get_db().execute(sql)]}


@books.post("")
def create_book():
    data = request.get_json(silent=True) or {}
    values = (data.get("title"), data.get("author"))
    if not all(isinstance(value, str) and value.strip() for value in values):
        return {"error": "Send a title and an author"}, 400
    db = get_db()
    book_id = db.execute("INSERT INTO book (title, author) VALUES (?, ?)", values).lastrowid
    db.commit()
    return {"id": book_id, "title": values[0], "author": values[1]}, 201


@books.get("/<int:book_id>")
def get_book(book_id):
    row = get_db().execute("SELECT * FROM book WHERE id = ?", [book_id]).fetchone()
    return dict(row) if row else ({"error": "Book not found"}, 404)


def create_app(test_config=None):
    flask_app = Flask(__name__)
    # Given: a new database file for every run, in a temporary folder (it works on the server and in
    # your browser). Read the path from app.config["DATABASE"].
    flask_app.config["DATABASE"] = os.path.join(tempfile.mkdtemp(), "books.sqlite")
    if test_config:
        flask_app.config.update(test_config)
    flask_app.teardown_appcontext(close_db)
    flask_app.register_blueprint(books)
    with flask_app.app_context():
        init_db()
    return flask_app


app = create_app()
