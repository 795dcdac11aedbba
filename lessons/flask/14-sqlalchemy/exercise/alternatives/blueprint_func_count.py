# Correct, written differently: routes on a Blueprint, models with to_dict() methods, sqlalchemy's own
# select and func, the book counts from one GROUP BY query over an outer join, a check for the ISBN
# before the insert (the unique column still refuses a race), and db.paginate reading page itself.
import os
import tempfile

from flask import Blueprint, Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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
    books: Mapped[list["Book"]] = relationship(back_populates="author", cascade="all, delete-orphan", order_by="Book.title")

    def to_dict(self, with_books=False):
        data = {"id": self.id, "name": self.name}
        if with_books:
            data["books"] = [book.to_dict() for book in self.books]
        return data


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(20), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")

    def to_dict(self):
        return {"id": self.id, "title": self.title, "isbn": self.isbn, "author_id": self.author_id}


# Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
with app.app_context():
    db.create_all()

library = Blueprint("library", __name__)


def required(data, *names):
    values = [data.get(name) for name in names]
    if not all(isinstance(value, str) and value.strip() for value in values):
        abort(400, description=f"{' and '.join(names)} required")
    return [value.strip() for value in values]


def isbn_conflict(isbn):
    holder = db.session.scalar(select(Book.id).where(Book.isbn == isbn))
    return jsonify(error="This ISBN belongs to another book", book_id=holder), 409


@library.post("/authors")
def create_author():
    (name,) = required(request.get_json(silent=True) or {}, "name")
    author = Author(name=name)
    db.session.add(author)
    db.session.commit()
    return author.to_dict(), 201


@library.get("/authors")
def list_authors():
    counts = (
        select(Author.id, Author.name, func.count(Book.id).label("books"))
        .join(Book, Book.author_id == Author.id, isouter=True)
        .group_by(Author.id, Author.name)
        .order_by(Author.id)
    )
    return {"authors": [{"id": row.id, "name": row.name, "book_count": row.books} for row in db.session.execute(counts)]}


@library.get("/authors/<int:author_id>")
def show_author(author_id):
    return db.get_or_404(Author, author_id, description="No author has that id").to_dict(with_books=True)


@library.post("/authors/<int:author_id>/books")
def add_book(author_id):
    author = db.get_or_404(Author, author_id, description="No author has that id")
    title, isbn = required(request.get_json(silent=True) or {}, "title", "isbn")
    if db.session.scalar(select(Book.id).where(Book.isbn == isbn)) is not None:
        return isbn_conflict(isbn)
    book = Book(title=title, isbn=isbn)
    author.books.append(book)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return isbn_conflict(isbn)
    return book.to_dict(), 201


@library.get("/books")
def list_books():
    result = db.paginate(select(Book).order_by(Book.id), per_page=request.args.get("per_page", 10, type=int), max_per_page=50)
    return {"books": [book.to_dict() for book in result], "page": result.page, "per_page": result.per_page,
            "pages": result.pages, "total": result.total}


@app.errorhandler(400)
@app.errorhandler(404)
def json_error(error):
    return {"error": error.description}, error.code


app.register_blueprint(library)
