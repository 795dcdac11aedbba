# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. Samples run in an empty folder: this writes the `shop` package the lesson's
# tests import, built as the earlier lessons show (the app factory and blueprints lesson's create_app,
# the database lesson's db module with init_app, and its POST /notes view in a blueprint).
# Everything is inside a function so no name leaks into a sample.


def _write_shop_package():
    import pathlib

    package = pathlib.Path("shop")
    package.mkdir()
    (package / "__init__.py").write_text(
        '''from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE="shop.sqlite")
    if test_config is None:
        app.config.from_prefixed_env()
    else:
        app.config.update(test_config)

    from . import db, notes
    db.init_app(app)
    app.register_blueprint(notes.bp)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app
'''
    )
    (package / "db.py").write_text(
        '''import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


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


@click.command("init-db")
@with_appcontext
def init_db_command():
    init_db()
    click.echo("Initialised the database.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
'''
    )
    (package / "notes.py").write_text(
        '''from flask import Blueprint, request

from .db import get_db

bp = Blueprint("notes", __name__)


@bp.post("/notes")
def create_note():
    data = request.get_json(silent=True) or {}
    title = (data.get("title") or "").strip()
    if not title:
        return {"error": "title is required"}, 400
    db = get_db()
    cursor = db.execute("INSERT INTO note (title, body) VALUES (?, ?)", (title, data.get("body", "")))
    db.commit()
    return {"id": cursor.lastrowid, "title": title}, 201
'''
    )


_write_shop_package()
del _write_shop_package
