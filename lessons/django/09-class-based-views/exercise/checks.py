import re

from crossroads_checks import expect, expect_header, expect_status, expect_text, fresh_int, fresh_title, fresh_word


def books(count):
    return [{"title": fresh_title(), "author": fresh_title()} for _ in range(count)]


def list_items(response):
    return [" ".join(item.split()) for item in re.findall(r"<li>(.*?)</li>", response.text, flags=re.S)]


def shelf(client, count):
    """Replaces every book with `count` new ones, saved in reverse title order; returns the titles in title order."""
    made = sorted(books(count), key=lambda b: b["title"], reverse=True)
    client.probe("add_books", books=made, replace=True)
    return sorted(b["title"] for b in made)


def sign_in(client):
    cookie = client.probe("session_cookie", username=fresh_word())
    client.cookies[cookie["name"]] = cookie["value"]


def csrf_token(response):
    match = re.search(r"""name=["']csrfmiddlewaretoken["']\s+value=["']([^"']+)""", response.text) or re.search(
        r"""value=["']([^"']+)["']\s+name=["']csrfmiddlewaretoken""", response.text)
    return match.group(1) if match else None


def check_list_first_page(client):
    """GET /books/ shows the first 2 books in title order"""
    titles = shelf(client, 5)
    response = client.get("/books/")
    expect_status(response, 200)
    expect(list_items(response) == titles[:2], "Page 1 lists the first 2 books in title order", expected=titles[:2], actual=list_items(response))
    expect_text(response, "Page 1 of 3")


def check_list_other_pages(client):
    """GET /books/?page=2 and ?page=3 show the next books"""
    titles = shelf(client, 5)
    for page, wanted in ((2, titles[2:4]), (3, titles[4:])):
        response = client.get(f"/books/?page={page}")
        expect_status(response, 200)
        expect(list_items(response) == wanted, f"Page {page} lists the next books in title order", expected=wanted, actual=list_items(response))
        expect_text(response, f"Page {page} of 3")


def check_detail(client):
    """GET /books/<pk>/ shows one book, and an unknown id is a 404"""
    book = books(1)[0]
    [pk] = client.probe("add_books", books=[book])
    response = client.get(f"/books/{pk}/")
    expect_status(response, 200)
    expect_text(response, f"<h1>{book['title']}</h1>", f"by {book['author']}")
    missing = client.get(f"/books/{pk + fresh_int(10_000, 99_999)}/")
    expect_status(missing, 404)


def check_create_needs_login(client):
    """Anonymous visitors to /books/new/ are redirected to log in, and cannot post"""
    response = client.get("/books/new/")
    expect_status(response, 302)
    location = expect_header(response, "Location")
    expect(location == "/login/?next=/books/new/", "An anonymous visitor is sent to the login page", expected="Location: /login/?next=/books/new/", actual=location)
    book = books(1)[0]
    response = client.post("/books/new/", data=book)
    expect(response.status in (302, 403), "An anonymous POST is refused", expected="a redirect to log in (or 403)", response=response)
    expect(client.probe("find_book", title=book["title"]) is None, "An anonymous POST saves nothing", expected="no new book", actual="the book was saved")


def check_create_saves_book(client):
    """A signed-in POST to /books/new/ saves the book and redirects to /books/"""
    sign_in(client)
    form = client.get("/books/new/")
    expect_status(form, 200)
    for field in ("title", "author"):
        expect(f'name="{field}"' in form.text, f"The form has a {field} input", expected=f'name="{field}"', response=form)
    token = csrf_token(form)
    expect(token, "The form has a CSRF token", expected="{% csrf_token %} in the form", response=form)
    book = books(1)[0]
    response = client.post("/books/new/", data={**book, "csrfmiddlewaretoken": token})
    expect_status(response, 302)
    location = expect_header(response, "Location")
    expect(location == "/books/", "After saving, the view redirects to /books/", expected="Location: /books/", actual=location)
    saved = client.probe("find_book", title=book["title"])
    expect(saved == book, "The new book is saved with its title and author", expected=book, actual=saved)


def check_generic_views(client):
    """The three URLs are served by ListView, DetailView and CreateView subclasses"""
    [pk] = client.probe("add_books", books=books(1))
    wanted = {"/books/": "ListView", f"/books/{pk}/": "DetailView", "/books/new/": "CreateView"}
    classes = client.probe("view_classes", paths=list(wanted))
    for path, generic in wanted.items():
        found = classes.get(path)
        expect(isinstance(found, list) and generic in found, f"{path} is served by a {generic} subclass (routed with .as_view())",
               expected=f"class ...({generic}) routed with .as_view()", actual=f"the class {found[0]}" if isinstance(found, list) else "a function view")
