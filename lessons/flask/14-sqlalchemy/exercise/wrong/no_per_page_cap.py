# Wrong: per_page is not capped, so ?per_page=100000 sends every book at once.
import os
import tempfile

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


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
    books: Mapped[list["Book"]] = relationship(
        back_populates="author", cascade="all, delete-orphan", order_by="Book.title"
    )


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(20), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")


# Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
with app.app_context():
    db.create_all()


def book_json(book):
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "author_id": book.author_id}


def text_field(data, name):
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


@app.errorhandler(404)
def not_found(error):
    return {"error": error.description}, 404


@app.post("/authors")
def create_author():
    name = text_field(request.get_json(silent=True) or {}, "name")
    if not name:
        return {"error": "name is required"}, 400
    author = Author(name=name)
    db.session.add(author)
    db.session.commit()
    return {"id": author.id, "name": author.name}, 201


@app.get("/authors")
def list_authors():
    authors = db.session.scalars(db.select(Author).options(selectinload(Author.books)).order_by(Author.id))
    return {"authors": [{"id": a.id, "name": a.name, "book_count": len(a.books)} for a in authors]}


@app.get("/authors/<int:author_id>")
def show_author(author_id):
    author = db.get_or_404(Author, author_id, description="Author not found")
    return {"id": author.id, "name": author.name, "books": [book_json(book) for book in author.books]}


@app.post("/authors/<int:author_id>/books")
def add_book(author_id):
    author = db.get_or_404(Author, author_id, description="Author not found")
    data = request.get_json(silent=True) or {}
    title, isbn = text_field(data, "title"), text_field(data, "isbn")
    if not title or not isbn:
        return {"error": "title and isbn are required"}, 400
    book = Book(title=title, isbn=isbn, author=author)
    db.session.add(book)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(db.select(Book).where(Book.isbn == isbn))
        return {"error": "A book with this ISBN already exists", "book_id": existing.id}, 409
    return book_json(book), 201


@app.get("/books")
def list_books():
    page = db.paginate(
        db.select(Book).order_by(Book.id),
        page=request.args.get("page", 1, type=int),
        per_page=request.args.get("per_page", 10, type=int),
    )
    return {
        "books": [book_json(book) for book in page.items],
        "page": page.page,
        "per_page": page.per_page,
        "pages": page.pages,
        "total": page.total,
    }
