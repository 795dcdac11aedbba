# Correct, written differently: the statement that loads the authors with their books (selectinload) is
# a module-level constant the view runs, the counts are then len(author.books), GET and POST /authors are
# one view, the errors are JSON built by hand, and the ISBN is handled in a helper that owns the commit.
import os
import tempfile

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String, func
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
    books: Mapped[list["Book"]] = relationship(back_populates="author", cascade="all, delete-orphan")


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(20), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")


# Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
with app.app_context():
    db.create_all()

AUTHORS = db.select(Author).options(selectinload(Author.books)).order_by(Author.id)


def book_dict(book):
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "author_id": book.author_id}


def blank(value):
    return not isinstance(value, str) or not value.strip()


def not_found(author_id):
    return {"error": f"There is no author {author_id}"}, 404


@app.route("/authors", methods=["GET", "POST"])
def authors():
    if request.method == "POST":
        data = request.get_json(silent=True) or {}
        if blank(data.get("name")):
            return {"error": "Send a name"}, 400
        author = Author(name=data["name"].strip())
        db.session.add(author)
        db.session.commit()
        return {"id": author.id, "name": author.name}, 201
    return {"authors": [{"id": a.id, "name": a.name, "book_count": len(a.books)} for a in db.session.scalars(AUTHORS)]}


@app.get("/authors/<int:author_id>")
def author_detail(author_id):
    author = db.session.get(Author, author_id)
    if author is None:
        return not_found(author_id)
    books = sorted(author.books, key=lambda book: book.title)
    return {"id": author.id, "name": author.name, "books": [book_dict(b) for b in books]}


def store_book(author, title, isbn):
    """(the new book, None), or (None, the id of the book that already has isbn)."""
    book = Book(title=title, isbn=isbn, author=author)
    db.session.add(book)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None, db.session.execute(db.select(Book.id).filter_by(isbn=isbn)).scalar_one()
    return book, None


@app.post("/authors/<int:author_id>/books")
def new_book(author_id):
    author = db.session.get(Author, author_id)
    if author is None:
        return not_found(author_id)
    data = request.get_json(silent=True) or {}
    if blank(data.get("title")) or blank(data.get("isbn")):
        return {"error": "Send a title and an isbn"}, 400
    book, holder = store_book(author, data["title"].strip(), data["isbn"].strip())
    if book is None:
        return {"error": "That ISBN belongs to another book", "book_id": holder}, 409
    return book_dict(book), 201


@app.get("/books")
def books():
    page = db.paginate(
        db.select(Book).order_by(Book.id),
        page=request.args.get("page", default=1, type=int),
        per_page=request.args.get("per_page", default=10, type=int),
        max_per_page=50,
    )
    return {"books": [book_dict(b) for b in page], "page": page.page, "per_page": page.per_page,
            "pages": page.pages, "total": page.total}
