import ast
import math
import re
import secrets
import string

from crossroads_checks import (
    django_view_for,
    dotted_name,
    expect,
    expect_header,
    expect_status,
    expect_text,
    find_definitions,
    fresh_int,
    fresh_title,
    fresh_word,
    syntax_tree,
)

GENERIC = ("ListView", "DetailView", "CreateView")


def books(count):
    return [{"title": fresh_title(), "author": fresh_title()} for _ in range(count)]


def csrf_token(client):
    """What a page with {% csrf_token %} gives a browser: a CSRF cookie and the same token for the form."""
    if "csrftoken" not in client.cookies:
        client.cookies["csrftoken"] = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    return client.cookies["csrftoken"]


def sign_up(client):
    """Makes a new account through the given signup/ route, which also signs the client in."""
    username = fresh_word()
    response = client.post("/signup/", data={"username": username, "password": f"{fresh_word()}-{fresh_word()}",
                                             "csrfmiddlewaretoken": csrf_token(client)})
    expect(response.status in (200, 201, 204, 302), "The given signup/ route makes an account for the checks: keep it as it was in the starter",
           expected="status 204 from POST /signup/", response=response)
    return username


def form_token(response):
    match = re.search(r"""name=["']csrfmiddlewaretoken["']\s+value=["']([^"']+)""", response.text) or re.search(
        r"""value=["']([^"']+)["']\s+name=["']csrfmiddlewaretoken""", response.text)
    return match.group(1) if match else None


def add_book(client, book):
    """Adds a book as a signed-in user does: loads /books/new/, then posts the form with its CSRF token."""
    form = client.get("/books/new/")
    expect(form.status == 200, "A signed-in user gets the form at /books/new/ (the checks add their books through it)",
           expected="status 200 with the form", response=form)
    token = form_token(form)
    expect(token, "The form at /books/new/ has a CSRF token", expected="{% csrf_token %} in the form", response=form)
    response = client.post("/books/new/", data={**book, "csrfmiddlewaretoken": token})
    expect(response.status == 302, "A valid POST to /books/new/ saves the book and redirects (the checks add their books through it)",
           expected="status 302 to /books/", response=response)
    return response


def read_page(client, page):
    """(titles, {title: detail path}, (number, of)) of one list page."""
    response = client.get("/books/" if page == 1 else f"/books/?page={page}")
    expect_status(response, 200)
    titles, links = [], {}
    for item in re.findall(r"<li>(.*?)</li>", response.text, flags=re.S):
        title = " ".join(re.sub(r"<[^>]+>", "", item).split())
        titles.append(title)
        link = re.search(r"""href=["']([^"']+)""", item)
        if link:
            links[title] = link.group(1)
    shown = re.search(r"Page\s+(\d+)\s+of\s+(\d+)", response.text)
    expect(shown, f"Page {page} shows 'Page {page} of N' (the template uses page_obj: paginate the ListView)",
           expected=f"Page {page} of ...", response=response)
    return titles, links, (int(shown.group(1)), int(shown.group(2))), response


def read_list(client):
    """Every page of /books/, in order: [(titles, links, (number, of), response)]."""
    pages = [read_page(client, 1)]
    count = pages[0][2][1]
    expect(count < 200, "The list is split into pages of 2 books", expected="about one page per 2 books", actual=f"{count} pages")
    for page in range(2, count + 1):
        pages.append(read_page(client, page))
    return pages


def all_links(client):
    links = {}
    for _, page_links, _, _ in read_list(client):
        links.update(page_links)
    return links


def check_create_needs_login(client):
    """Anonymous visitors to /books/new/ are redirected to log in, and cannot post"""
    response = client.get("/books/new/")
    expect(response.status == 302, "An anonymous visitor to /books/new/ is redirected to log in, not shown the form "
           "(put LoginRequiredMixin first in the class's bases)", expected="status 302", response=response)
    location = expect_header(response, "Location")
    expect(location == "/login/?next=/books/new/", "An anonymous visitor is sent to the login page", expected="Location: /login/?next=/books/new/", actual=location)
    book = books(1)[0]
    response = client.post("/books/new/", data={**book, "csrfmiddlewaretoken": csrf_token(client)})
    expect(response.status in (302, 403), "An anonymous POST is refused", expected="a redirect to log in (or 403)", response=response)
    expect(book["title"] not in all_links(client), "An anonymous POST saves nothing", expected="the book is not in /books/", actual="the book was saved")


def check_create_saves_book(client):
    """A signed-in POST to /books/new/ saves the book and redirects to /books/"""
    sign_up(client)
    form = client.get("/books/new/")
    expect_status(form, 200)
    for field in ("title", "author"):
        expect(f'name="{field}"' in form.text, f"The form has a {field} input", expected=f'name="{field}"', response=form)
    book = books(1)[0]
    response = add_book(client, book)
    location = expect_header(response, "Location")
    expect(location == "/books/", "After saving, the view redirects to /books/", expected="Location: /books/", actual=location)
    links = all_links(client)
    expect(book["title"] in links, "The new book is listed on /books/", expected=book["title"], actual=sorted(links))
    detail = client.get(links[book["title"]])
    expect_status(detail, 200)
    expect_text(detail, f"by {book['author']}")


def check_list_pages(client):
    """/books/ lists every book in title order, 2 per page, with ?page=N for the next ones"""
    sign_up(client)
    made = sorted(books(5), key=lambda b: b["title"], reverse=True)  # saved in reverse title order
    for book in made:
        add_book(client, book)
    pages = read_list(client)
    titles = [title for page_titles, _, _, _ in pages for title in page_titles]
    count = len(pages)
    for index, (page_titles, _, (number, of), response) in enumerate(pages, start=1):
        wanted = 2 if index < count else len(titles) - 2 * (count - 1)
        expect(len(page_titles) == wanted and 1 <= wanted <= 2, f"Page {index} lists {wanted} books (paginate_by = 2)",
               expected=f"{wanted} books", actual=page_titles)
        expect((number, of) == (index, count), f"Page {index} says 'Page {index} of {count}'", expected=f"Page {index} of {count}", response=response)
    expect(count == math.ceil(len(titles) / 2), "There is one page per 2 books", expected=f"{math.ceil(len(titles) / 2)} pages", actual=f"{count} pages")
    missing = [b["title"] for b in made if b["title"] not in titles]
    expect(not missing, "Every saved book is on one of the pages", expected=[b["title"] for b in made], actual=titles)
    expect(titles == sorted(titles), "The books are in title order across the pages (they were saved in reverse order)",
           expected=sorted(titles), actual=titles)
    beyond = client.get(f"/books/?page={count + 1}")
    expect_status(beyond, 404)


def check_detail(client):
    """GET /books/<pk>/ shows one book, and an unknown id is a 404"""
    sign_up(client)
    book = books(1)[0]
    add_book(client, book)
    links = all_links(client)
    expect(book["title"] in links, "The list links each title to its page (/books/<pk>/)", expected=book["title"], actual=sorted(links))
    detail_path = links[book["title"]]
    response = client.get(detail_path)
    expect_status(response, 200)
    expect_text(response, f"<h1>{book['title']}</h1>", f"by {book['author']}")
    pk = int(re.search(r"(\d+)", detail_path).group(1))
    missing = client.get(f"/books/{pk + fresh_int(10_000, 99_999)}/")
    expect_status(missing, 404)


# ---- How the views are written: read from your main.py (HTTP cannot tell a generic view from a function) ----


def import_origins():
    """{local name: full dotted name} for every import: 'LV' -> 'django.views.generic.ListView', 'generic' -> 'django.views.generic'."""
    origins = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    origins[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    origins[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                origins[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return origins


def full_name(node, origins):
    name = dotted_name(node)
    head, _, rest = name.partition(".")
    if head in origins:
        return origins[head] + (f".{rest}" if rest else "")
    return name


def generic_kinds(node, origins, seen=()):
    """The generic views (ListView, DetailView, CreateView) a class expression is or inherits from."""
    name = dotted_name(node)
    classes = {c.name: c for c in find_definitions(ast.ClassDef)}
    if name in classes and name not in seen:
        kinds = set()
        for base in classes[name].bases:
            kinds |= generic_kinds(base, origins, (*seen, name))
        return kinds
    last = full_name(node, origins).rsplit(".", 1)[-1]
    return {last} if last in GENERIC else set()


def module_assignments():
    """{name: value node} for module-level `name = ...` (a view made once: book_list = BookListView.as_view())."""
    found = {}
    for statement in syntax_tree().body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = statement.value
    return found


def served_by(view, origins, assigned, depth=0):
    """What a path()'s view argument routes to: ('generic', kinds) for X.as_view(), or ('function', name)."""
    if isinstance(view, ast.Name) and view.id in assigned and depth < 5:
        return served_by(assigned[view.id], origins, assigned, depth + 1)
    if isinstance(view, ast.Call):
        if isinstance(view.func, ast.Attribute) and view.func.attr == "as_view":
            return "generic", (generic_kinds(view.func.value, origins), dotted_name(view.func.value))
        for argument in view.args:  # login_required(BookCreateView.as_view()) and other wrappers
            kind, what = served_by(argument, origins, assigned, depth + 1)
            if kind == "generic":
                return kind, what
    return "function", dotted_name(view) or "a function"


def check_generic_views(client):
    """The three URLs are served by ListView, DetailView and CreateView subclasses (read from your code)"""
    origins, assigned = import_origins(), module_assignments()
    classes = {c.name: c for c in find_definitions(ast.ClassDef)}
    for url, probe, generic in (("/books/", "/books/", "ListView"), ("/books/<pk>/", "/books/1/", "DetailView"), ("/books/new/", "/books/new/", "CreateView")):
        view = django_view_for(probe)  # as Django would resolve it: in order, through include([...])
        expect(view is not None, f"The checks could not find which view urlpatterns routes {probe} to: route {url} with path() in main.py "
               "(directly or inside include([...]))", expected=f"path(...) for {url} in urlpatterns", actual=f"no path() that matches {probe}")
        kind, what = served_by(view, origins, assigned)
        if kind == "function":
            expect(False, f"{url} is routed to {what}, a function: route it to a class based on {generic}, with .as_view()",
                   expected=f"class ...({generic}) routed with .as_view()", actual=f"path(..., {what})")
        kinds, class_name = what
        bases = ", ".join(dotted_name(b) for b in classes[class_name].bases) if class_name in classes else ""
        expect(generic in kinds, f"{url} is routed to {class_name}, which is not a {generic}: base it on django.views.generic.{generic}",
               expected=f"class {class_name}(..., {generic})", actual=f"class {class_name}({bases})" if bases else class_name)
