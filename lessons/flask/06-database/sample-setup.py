# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds the one-file app from the lesson's code blocks (get_db and
# close_db, init_db and its command, the three note views), so the samples can use `app` and
# `init_db` as the prose does. Samples run in an empty folder, so notes.sqlite starts absent.
import sqlite3

import click
from flask import Flask, abort, current_app, g, request

app = Flask(__name__)
app.config["DATABASE"] = "notes.sqlite"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exception):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    get_db().executescript(
        """
        DROP TABLE IF EXISTS note;
        CREATE TABLE note (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT ''
        );
        """
    )


@app.cli.command("init-db")
def init_db_command():
    init_db()
    click.echo("Initialised the database.")


@app.post("/notes")
def create_note():
    data = request.get_json(silent=True) or {}
    title = (data.get("title") or "").strip()
    if not title:
        return {"error": "title is required"}, 400
    db = get_db()
    cursor = db.execute("INSERT INTO note (title, body) VALUES (?, ?)", (title, data.get("body", "")))
    db.commit()
    return {"id": cursor.lastrowid, "title": title}, 201


@app.get("/notes/<int:note_id>")
def get_note(note_id):
    row = get_db().execute("SELECT id, title, body FROM note WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        abort(404)
    return dict(row)


@app.get("/notes")
def list_notes():
    rows = get_db().execute("SELECT id, title FROM note ORDER BY id").fetchall()
    return {"notes": [dict(row) for row in rows]}
