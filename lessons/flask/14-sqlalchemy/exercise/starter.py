import os
import tempfile

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

app = Flask(__name__)
# Given: a new SQLite file for every run, in a temporary folder.
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "library.sqlite")
db.init_app(app)


class Author(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # TODO: books, the one-to-many relationship to Book (back_populates="author", cascade="all, delete-orphan")


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # TODO: isbn (a unique string), author_id (a foreign key to author.id) and author (the relationship back to Author)


# Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
with app.app_context():
    db.create_all()


@app.post("/authors")
def create_author():
    data = request.get_json(silent=True) or {}
    author = Author(name=data.get("name"))
    db.session.add(author)
    # TODO: refuse a missing or blank name with 400, and commit so the author outlives this request
    return {"id": author.id, "name": author.name}, 201


# TODO: GET /authors, GET /authors/<id>, POST /authors/<id>/books and GET /books (see the task)
