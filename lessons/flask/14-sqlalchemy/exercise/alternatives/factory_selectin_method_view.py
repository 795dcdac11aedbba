# Correct, written differently: an app factory with db.init_app, the relationship loaded with
# lazy="selectin" (so every query for authors brings their books in one more SELECT), a model property
# for the count, class-based views registered with add_url_rule, and errors raised with abort().
import os
import tempfile

from flask import Flask, abort, request
from flask.views import MethodView
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Author(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    books: Mapped[list["Book"]] = relationship(
        back_populates="author", cascade="all, delete-orphan", lazy="selectin", order_by="Book.title"
    )

    @property
    def book_count(self):
        return len(self.books)


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(20), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")


def book_fields(book):
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "author_id": book.author_id}


def text(data, key):
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        abort(400, description=f"{key} is required")
    return value.strip()


class AuthorList(MethodView):
    def get(self):
        authors = db.session.scalars(db.select(Author).order_by(Author.id)).all()
        return {"authors": [{"id": a.id, "name": a.name, "book_count": a.book_count} for a in authors]}

    def post(self):
        author = Author(name=text(request.get_json(silent=True) or {}, "name"))
        db.session.add(author)
        db.session.commit()
        return {"id": author.id, "name": author.name}, 201


class AuthorDetail(MethodView):
    def get(self, author_id):
        author = db.get_or_404(Author, author_id, description="Author not found")
        return {"id": author.id, "name": author.name, "books": [book_fields(b) for b in author.books]}


class AuthorBooks(MethodView):
    def post(self, author_id):
        author = db.get_or_404(Author, author_id, description="Author not found")
        data = request.get_json(silent=True) or {}
        book = Book(title=text(data, "title"), isbn=text(data, "isbn"), author=author)
        db.session.add(book)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            taken = db.first_or_404(db.select(Book).filter_by(isbn=book.isbn))
            return {"error": "ISBN already used", "book_id": taken.id}, 409
        return book_fields(book), 201


class BookList(MethodView):
    def get(self):
        page = db.paginate(
            db.select(Book).order_by(Book.id),
            page=request.args.get("page", default=1, type=int),
            per_page=request.args.get("per_page", default=10, type=int),
            max_per_page=50,
        )
        return {"books": [book_fields(b) for b in page.items], "page": page.page, "per_page": page.per_page,
                "pages": page.pages, "total": page.total}


def create_app():
    app = Flask(__name__)
    # Given: a new SQLite file for every run, in a temporary folder.
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "library.sqlite")
    db.init_app(app)
    app.add_url_rule("/authors", view_func=AuthorList.as_view("authors"))
    app.add_url_rule("/authors/<int:author_id>", view_func=AuthorDetail.as_view("author"))
    app.add_url_rule("/authors/<int:author_id>/books", view_func=AuthorBooks.as_view("author_books"))
    app.add_url_rule("/books", view_func=BookList.as_view("books"))
    app.register_error_handler(400, lambda error: ({"error": error.description}, 400))
    app.register_error_handler(404, lambda error: ({"error": error.description}, 404))
    # Given: creates the tables once the models are defined (a real project uses Flask-Migrate).
    with app.app_context():
        db.create_all()
    return app


app = create_app()
