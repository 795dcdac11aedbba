# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It writes the files the lesson shows (app.py, views.py, add_book.py, and
# add_book_norollback.py, the same view without its rollback() line) into the sample's empty folder,
# exactly as the lesson shows them, and stores the three authors and three books of the lesson's seed
# script, so every sample starts from the data the prose has set up.
import pathlib

APP = '''\
from datetime import datetime
from typing import Optional

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Author(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    bio: Mapped[Optional[str]]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    books: Mapped[list["Book"]] = relationship(back_populates="author", cascade="all, delete-orphan")


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str] = mapped_column(String(13), unique=True)
    year: Mapped[Optional[int]]
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///library.sqlite"
db.init_app(app)
'''

VIEWS = '''\
from flask import request

from app import Author, Book, app, db


@app.get("/books/<int:book_id>")
def show_book(book_id):
    book = db.get_or_404(Book, book_id)
    return {"title": book.title, "author": book.author.name}


@app.get("/authors/named/<name>")
def author_by_name(name):
    author = db.first_or_404(db.select(Author).where(Author.name == name))
    return {"id": author.id, "books": len(author.books)}


@app.get("/books")
def list_books():
    page = db.paginate(
        db.select(Book).order_by(Book.id),
        page=request.args.get("page", 1, type=int),
        per_page=request.args.get("per_page", 10, type=int),
        max_per_page=50,
    )
    return {
        "books": [book.title for book in page.items],
        "page": page.page,
        "pages": page.pages,
        "total": page.total,
    }
'''

ADD_BOOK = '''\
from flask import request
from sqlalchemy.exc import IntegrityError

from app import Author, Book, app, db


@app.post("/authors/<int:author_id>/books")
def add_book(author_id):
    author = db.get_or_404(Author, author_id)
    data = request.get_json()
    db.session.add(Book(title=data["title"], isbn=data["isbn"], author=author))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        taken = db.session.scalar(db.select(Book).where(Book.isbn == data["isbn"]))
        return {"error": f"ISBN already used by {taken.title!r}"}, 409
    return {"books": len(author.books)}, 201
'''

pathlib.Path("app.py").write_text(APP)
pathlib.Path("views.py").write_text(VIEWS)
pathlib.Path("add_book.py").write_text(ADD_BOOK)
pathlib.Path("add_book_norollback.py").write_text(ADD_BOOK.replace("        db.session.rollback()\n", ""))

from app import Author, Book, app, db  # noqa: E402

with app.app_context():
    db.drop_all()
    db.create_all()
    ada = Author(name="Ada Palmer")
    ada.books.append(Book(title="Too Like the Lightning", isbn="9780765378019", year=2016))
    ada.books.append(Book(title="Seven Surrenders", isbn="9780765378033", year=2017))
    ted = Author(name="Ted Chiang", bio="Writes short stories.")
    ted.books.append(Book(title="Exhalation", isbn="9781101947883", year=2019))
    ursula = Author(name="Ursula K. Le Guin")
    db.session.add_all([ada, ted, ursula])
    db.session.commit()
