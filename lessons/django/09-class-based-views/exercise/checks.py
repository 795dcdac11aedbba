import main  # your file configures Django

from django.contrib.auth.models import User
from django.test import Client

from main import Book

for title, author in [("Piranesi", "Susanna Clarke"), ("Beloved", "Toni Morrison"),
                      ("Middlemarch", "George Eliot"), ("Dracula", "Bram Stoker")]:
    Book.objects.create(title=title, author=author)

client = Client()
writer = User.objects.create_user("writer", password="pw")


def items(html):
    return [part.split("</li>")[0] for part in html.split("<li>")[1:]]


def check_list_first_page():
    """GET /books/ shows the first 2 books in title order"""
    response = client.get("/books/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    html = response.content.decode()
    assert items(html) == ["Beloved", "Dracula"], f"Expected ['Beloved', 'Dracula'] on page 1, got {items(html)}"
    assert "Page 1 of 2" in html, "Expected 'Page 1 of 2': paginate by 2 books"


def check_list_second_page():
    """GET /books/?page=2 shows the next 2 books"""
    response = client.get("/books/?page=2")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    html = response.content.decode()
    assert items(html) == ["Middlemarch", "Piranesi"], f"Expected ['Middlemarch', 'Piranesi'] on page 2, got {items(html)}"


def check_detail():
    """GET /books/<pk>/ shows one book, and an unknown id is a 404"""
    book = Book.objects.get(title="Piranesi")
    response = client.get(f"/books/{book.pk}/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    html = response.content.decode()
    assert "<h1>Piranesi</h1>" in html and "by Susanna Clarke" in html, f"Expected the book's title and author, got {html[:200]!r}"
    missing = client.get("/books/9999/")
    assert missing.status_code == 404, f"Expected 404 for a book that does not exist, got {missing.status_code}"


def check_create_needs_login():
    """Anonymous visitors to /books/new/ are redirected to log in"""
    response = Client().get("/books/new/")
    assert response.status_code == 302, f"Expected a redirect to the login page, got status {response.status_code}"
    assert response["Location"] == "/login/?next=/books/new/", f"Expected a redirect to /login/?next=/books/new/, got {response['Location']!r}"


def check_create_saves_book():
    """A signed-in POST to /books/new/ saves the book and redirects to /books/"""
    signed_in = Client()
    signed_in.force_login(writer)
    form_page = signed_in.get("/books/new/")
    assert form_page.status_code == 200, f"Expected the form with status 200, got {form_page.status_code}"
    assert 'name="title"' in form_page.content.decode(), "Expected a title input on the form"
    response = signed_in.post("/books/new/", {"title": "Kindred", "author": "Octavia E. Butler"})
    assert response.status_code == 302, f"Expected a redirect after saving, got status {response.status_code}"
    assert response["Location"] == "/books/", f"Expected a redirect to /books/, got {response['Location']!r}"
    assert Book.objects.filter(title="Kindred").exists(), "Expected the new book 'Kindred' to be saved"
