import random
import string

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def add_books(client, count):
    """Books made up for this run, stored in BOOKS through the given POST /seed/books/ view.

    Their ids are new (above the starting books, below the ids the 404 check asks for) and they go
    in highest id first, so the order books were added in is not id order. Returns them as the API
    should show them, in id order.
    """
    ids = sorted(random.SystemRandom().sample(range(1_000, 99_999), count))
    books = [{"id": book_id, "title": fresh_title(), "author": fresh_title()} for book_id in ids]
    for book in reversed(books):
        response = client.post("/seed/books/", json=book, headers=csrf_headers(client))
        expect(response.status == 201, "The given POST /seed/books/ stores a book in BOOKS (keep that view as it is)", expected="201", response=response)
    return books


def expect_json_type(response):
    content_type = response.headers.get("Content-Type", "")
    expect(
        content_type.startswith("application/json"),
        f"Expected a JSON response from {response.request}, but its Content-Type is {content_type!r}",
        expected="Content-Type: application/json",
        response=response,
    )


def check_list(client):
    """GET /api/books/ returns every book as a JSON list, in id order"""
    added = add_books(client, 3)
    response = client.get("/api/books/")
    expect_status(response, 200)
    expect_json_type(response)
    books = expect_json(response, kind=list)
    first = {"id": 1, "title": "Dune", "author": "Frank Herbert"}
    expect(first in books, "The list includes the books that were in BOOKS from the start", expected=first, response=response)
    for book in added:
        expect(book in books, "The list includes every book in BOOKS, each as an object with id, title and author", expected=book, response=response)
    ids = [book.get("id") if isinstance(book, dict) else None for book in books]
    in_order = all(isinstance(i, int) for i in ids) and ids == sorted(set(ids))
    expect(in_order, "The books come in id order, each once", expected="ids in increasing order", actual=ids)


def check_detail(client):
    """GET /api/books/<id>/ returns that book as a JSON object"""
    book = add_books(client, 1)[0]
    response = client.get(f"/api/books/{book['id']}/")
    expect_status(response, 200)
    expect_json_type(response)
    expect_json(response, book)


def check_missing_book(client):
    """An unknown id returns 404 with a JSON error"""
    book_id = fresh_int(100_000, 999_999)
    response = client.get(f"/api/books/{book_id}/")
    expect(response.status != 500, f"Expected a 404 from {response.request}, but the view crashed (500)", expected="status 404", response=response)
    expect_status(response, 404)
    expect_json_type(response)
    expect_json(response, {"error": f"Book {book_id} not found"})


def check_non_numeric_id(client):
    """A non-numeric id like /api/books/abc/ is a 404"""
    for path in ("/api/books/abc/", "/api/books/2x/"):
        response = client.get(path)
        expect_status(response, 404)
