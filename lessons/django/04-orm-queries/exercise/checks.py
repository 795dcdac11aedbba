import django_setup

django_setup.configure()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from main import Author, Book

client = Client()

LIBRARY = {
    "Ann Leckie": ["Ancillary Justice", "Ancillary Sword", "Ancillary Mercy"],
    "Becky Chambers": ["A Psalm for the Wild-Built", "Record of a Spaceborn Few"],
    "Ted Chiang": ["Exhalation"],
    "Ada Palmer": ["Too Like the Lightning", "Seven Surrenders"],
}
for name, titles in LIBRARY.items():
    author = Author.objects.create(name=name)
    for title in titles:
        Book.objects.create(title=title, author=author)


def get_counting_queries(url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def check_book_list_content():
    """GET /books/ lists every book with its author, in title order"""
    response, _ = get_counting_queries("/books/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    books = response.json().get("books")
    expected = sorted(
        ({"title": title, "author": name} for name, titles in LIBRARY.items() for title in titles),
        key=lambda book: book["title"],
    )
    assert books == expected, f"Expected {expected!r}, got {books!r}"


def check_book_list_queries():
    """GET /books/ runs at most 2 queries, however many books exist"""
    _, count = get_counting_queries("/books/")
    assert count <= 2, (
        f"Expected at most 2 queries, but the request ran {count}: one for the books plus one per book "
        "for its author. Load the authors together with the books."
    )


def check_popular_authors():
    """GET /authors/popular/ returns authors with 2+ books, most books first"""
    response, _ = get_counting_queries("/authors/popular/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    expected = [
        {"name": "Ann Leckie", "books": 3},
        {"name": "Ada Palmer", "books": 2},
        {"name": "Becky Chambers", "books": 2},
    ]
    authors = response.json().get("authors")
    assert authors == expected, f"Expected {expected!r}, got {authors!r}"


def check_popular_authors_queries():
    """GET /authors/popular/ counts in the database with at most 2 queries"""
    _, count = get_counting_queries("/authors/popular/")
    assert count <= 2, f"Expected at most 2 queries, but the request ran {count}. Let the database count with annotate()."
