# Correct, written differently: the book counts come from a correlated scalar subquery in the same SELECT
# as the authors (read as mappings), the statement for the author list is a module-level constant, 404s
# are raised with abort() and turned into JSON by a handler for every HTTPException, the ISBN is looked
# up before the insert (the unique column and the except still decide a race), and GET /books gives
# db.paginate a per_page it already capped itself.
import os
import tempfile

from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from werkzeug.exceptions import HTTPException


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


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(32), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"), index=True)
    author: Mapped[Author] = relationship(back_populates="books")

    def to_json(self):
        return {"id": self.id, "title": self.title, "isbn": self.isbn, "author_id": self.author_id}


# Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
with app.app_context():
    db.create_all()

BOOK_COUNT = select(func.count(Book.id)).where(Book.author_id == Author.id).correlate(Author).scalar_subquery()
AUTHORS_WITH_COUNTS = select(Author.id, Author.name, BOOK_COUNT.label("book_count")).order_by(Author.id)


@app.errorhandler(HTTPException)
def http_error(error):
    return jsonify(error=error.description), error.code


def required_text(payload, *names):
    values = [payload.get(name) for name in names]
    if not all(isinstance(value, str) and value.strip() for value in values):
        abort(400, description=f"{' and '.join(names)} must be non-empty strings")
    return [value.strip() for value in values]


@app.route("/authors", methods=["POST"])
def create_author():
    (name,) = required_text(request.get_json(silent=True) or {}, "name")
    author = Author(name=name)
    db.session.add(author)
    db.session.commit()
    return jsonify(id=author.id, name=author.name), 201


@app.route("/authors")
def list_authors():
    rows = db.session.execute(AUTHORS_WITH_COUNTS).mappings()
    return jsonify(authors=[dict(row) for row in rows])


@app.route("/authors/<int:author_id>")
def show_author(author_id):
    author = db.session.get(Author, author_id) or abort(404, description=f"No author with id {author_id}")
    return jsonify(id=author.id, name=author.name, books=[book.to_json() for book in author.books])


@app.route("/authors/<int:author_id>/books", methods=["POST"])
def add_book(author_id):
    author = db.session.get(Author, author_id) or abort(404, description=f"No author with id {author_id}")
    title, isbn = required_text(request.get_json(silent=True) or {}, "title", "isbn")
    holder = db.session.scalar(select(Book.id).where(Book.isbn == isbn))
    if holder is None:
        book = Book(title=title, isbn=isbn, author=author)
        db.session.add(book)
        try:
            db.session.commit()
            return jsonify(book.to_json()), 201
        except IntegrityError:  # another request stored the same ISBN since the look-up
            db.session.rollback()
            holder = db.session.scalar(select(Book.id).where(Book.isbn == isbn))
    return jsonify(error=f"ISBN {isbn} is already used", book_id=holder), 409


@app.route("/books")
def list_books():
    per_page = min(request.args.get("per_page", 10, type=int), 50)
    page = db.paginate(select(Book).order_by(Book.id), page=request.args.get("page", 1, type=int), per_page=per_page)
    return jsonify(books=[book.to_json() for book in page.items], page=page.page, per_page=page.per_page,
                   pages=page.pages, total=page.total)
