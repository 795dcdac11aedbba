# Correct, written differently: db.session.get with an explicit JSON 404 (no error handler), joinedload
# with .unique() for the author list, the author's books queried with order_by (no order_by on the
# relationship), and a page built with limit/offset plus a COUNT query for the total.
import math
import os
import tempfile

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship


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
    books: Mapped[list["Book"]] = relationship(back_populates="author", cascade="all, delete-orphan")


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(20), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped["Author"] = relationship(back_populates="books")


# Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
with app.app_context():
    db.create_all()

AUTHOR_NOT_FOUND = {"error": "Author not found"}


def as_json(book):
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "author_id": book.author_id}


def cleaned(value):
    return value.strip() if isinstance(value, str) else ""


@app.post("/authors")
def create_author():
    payload = request.get_json(silent=True) or {}
    name = cleaned(payload.get("name"))
    if not name:
        return {"error": "name must not be blank"}, 400
    author = Author(name=name)
    db.session.add(author)
    db.session.commit()
    return {"id": author.id, "name": author.name}, 201


@app.get("/authors")
def list_authors():
    statement = db.select(Author).options(joinedload(Author.books)).order_by(Author.id)
    authors = db.session.execute(statement).unique().scalars().all()
    summaries = []
    for author in authors:
        summaries.append({"id": author.id, "name": author.name, "book_count": len(author.books)})
    return {"authors": summaries}


@app.get("/authors/<int:author_id>")
def show_author(author_id):
    author = db.session.get(Author, author_id)
    if author is None:
        return AUTHOR_NOT_FOUND, 404
    books = db.session.scalars(db.select(Book).where(Book.author_id == author.id).order_by(Book.title))
    return {"id": author.id, "name": author.name, "books": [as_json(book) for book in books]}


@app.post("/authors/<int:author_id>/books")
def add_book(author_id):
    author = db.session.get(Author, author_id)
    if author is None:
        return AUTHOR_NOT_FOUND, 404
    payload = request.get_json(silent=True) or {}
    title, isbn = cleaned(payload.get("title")), cleaned(payload.get("isbn"))
    if not (title and isbn):
        return {"error": "both title and isbn are required"}, 400
    book = Book(title=title, isbn=isbn, author_id=author.id)
    db.session.add(book)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        holder = db.session.execute(db.select(Book.id).where(Book.isbn == isbn)).scalar_one()
        return {"error": f"ISBN {isbn} is already taken", "book_id": holder}, 409
    return as_json(book), 201


@app.get("/books")
def list_books():
    page = max(request.args.get("page", 1, type=int), 1)
    per_page = min(max(request.args.get("per_page", 10, type=int), 1), 50)
    total = db.session.scalar(db.select(func.count(Book.id)))
    books = db.session.scalars(db.select(Book).order_by(Book.id).limit(per_page).offset((page - 1) * per_page))
    return {
        "books": [as_json(book) for book in books],
        "page": page,
        "per_page": per_page,
        "pages": math.ceil(total / per_page),
        "total": total,
    }
