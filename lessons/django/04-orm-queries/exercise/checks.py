"""Django 04: what the endpoints answer is checked over HTTP with authors and books made up for this
run (added through the given seed view); how the queries are built (the author loaded with the books,
the books counted by the database) is read from the submitted source, in the checks' own sandbox."""

import ast
import functools
import random
import string

from crossroads_checks import django_view_code, dotted_name, expect, expect_json, expect_status, fresh_title, shuffled, syntax_tree

# ---- The submitted source --------------------------------------------------------------------------


def local_aliases():
    """{'C': 'Count'} for `from django.db.models import Count as C` (and the like)."""
    aliases = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    return aliases


def called_name(call):
    """The last part of what a call calls, aliases undone: 'Count' for models.Count(...) or C(...)."""
    name = dotted_name(call.func)
    if "." in name:
        return name.rsplit(".", 1)[1]
    if isinstance(call.func, ast.Attribute):  # Book.objects.all().select_related(...): a method on a call
        return call.func.attr
    return local_aliases().get(name, name)


# Hooks Django calls on a view class, a manager or a queryset without the code naming them.
HOOKS = ("get", "post", "dispatch", "get_queryset", "get_context_data", "get_object", "render_to_response", "_fetch_all", "__iter__")


def view_code(url):
    return django_view_code(url, HOOKS)


def served_by(url):
    found = view_code(url)
    expect(found is not None, f"The checks could not find which view urlpatterns routes {url} to. Route it in main.py with "
           f'path("{url.strip("/")}/", your_view) (the checks read urlpatterns, also through include([...]))',
           expected=f'path("{url.strip("/")}/", ...) in urlpatterns', actual=f"no path() for {url} that the checks can read")
    return found


def calls_named(nodes, *names):
    return [node for top in nodes for node in ast.walk(top) if isinstance(node, ast.Call) and called_name(node) in names]


def strings(nodes):
    return [node.value for top in nodes for node in ast.walk(top) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@functools.cache
def parents():
    found = {}
    for node in ast.walk(syntax_tree()):
        for child in ast.iter_child_nodes(node):
            found[child] = node
    return found


def chain_top(call):
    """The whole expression a queryset call is part of: for Book.objects.select_related("author").order_by("title")
    and the select_related call, the order_by call; the call itself when nothing is chained on it. An argument
    (F("author__name") inside values(...)) belongs to the call it is given to."""
    node = call
    while True:
        parent = parents().get(node)
        if isinstance(parent, (ast.keyword, ast.Starred)) or (isinstance(parent, ast.Call) and node in parent.args):
            node = parent if isinstance(parent, ast.Call) else parents().get(parent)
        elif isinstance(parent, ast.Attribute) and isinstance(parents().get(parent), ast.Call) and parents()[parent].func is parent:
            node = parents()[parent]
        else:
            return node


def result_is_used(call):
    """False when the queryset the call builds is thrown away: the whole expression is a statement of its own
    (books.select_related("author") on its own line: a queryset is never changed in place), or it is assigned to
    a name that its function never reads."""
    top = chain_top(call)
    parent = parents().get(top)
    if isinstance(parent, ast.Expr):
        return False
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is top:
        # A class attribute (queryset = ... on a class-based view) is read by Django or through self.
        if isinstance(parents().get(parent), ast.ClassDef):
            return True
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            scope = parent
            while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                scope = parents().get(scope)
            scope = scope or syntax_tree()
            return any(isinstance(n, ast.Name) and n.id == targets[0].id and isinstance(n.ctx, ast.Load) for n in ast.walk(scope))
    return True


def names_author(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and (node.value == "author" or node.value.startswith("author__"))


# What loads a book's author with the books: select_related() (all foreign keys) or naming the author;
# prefetch_related / Prefetch naming it; in_bulk (authors fetched once, by id); or an author__ lookup
# read as a field by values() / values_list() / F() (an author__ in order_by() or filter() only joins for
# sorting or filtering, and only("author__name") without select_related defers nothing it could use:
# book.author.name still runs a query per book).
FIELD_CALLS = ("values", "values_list", "F")


def loads_author(call):
    name, arguments = called_name(call), [*call.args, *(k.value for k in call.keywords)]
    if name == "select_related":
        return not arguments or any(names_author(a) for a in arguments)
    if name in ("prefetch_related", "Prefetch"):
        return any(names_author(a) or (isinstance(a, ast.Call) and called_name(a) == "Prefetch" and loads_author(a)) for a in arguments)
    if name == "in_bulk":
        return True
    return name in FIELD_CALLS and any(names_author(a) for a in arguments)


def loads_authors_with_books(nodes):
    """(whether the nodes load the authors with the books, the calls that would but whose result is thrown away)."""
    found = [call for call in calls_named(nodes, "select_related", "prefetch_related", "Prefetch", "in_bulk", *FIELD_CALLS) if loads_author(call)]
    used = [call for call in found if result_is_used(call)]
    return bool(used), [call for call in found if call not in used]


def counts_in_database(nodes):
    """A Count(...) aggregate, or SQL text with COUNT( in it (raw() or a cursor)."""
    if calls_named(nodes, "Count"):
        return True
    return any("count(" in text.lower().replace(" (", "(") and "select" in text.lower() for text in strings(nodes))


# ---- Over HTTP ---------------------------------------------------------------------------------------


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def add_author(client, books):
    """An author with this many books, all made up for this run (given POST /seed/authors/); returns (name, titles)."""
    name, titles = fresh_title(), [fresh_title(3) for _ in range(books)]
    response = client.post("/seed/authors/", json={"name": name, "titles": titles}, headers=csrf_headers(client))
    expect(response.status == 201, "The given POST /seed/authors/ saves an author and their books (keep that view as it is)", expected="201", response=response)
    return name, titles


def get_json(client, path):
    response = client.get(path)
    expect_status(response, 200)
    return response, expect_json(response)


def check_book_list_content(client):
    """GET /books/ lists every book with its author, in title order"""
    added = {}
    for count in (2, 1, 3):
        name, titles = add_author(client, count)
        added.update({title: name for title in titles})
    response, body = get_json(client, "/books/")
    books = body.get("books")
    expect(isinstance(books, list), "The answer is {\"books\": [...]}", expected={"books": [{"title": "...", "author": "..."}]}, response=response)
    for title, name in added.items():
        book = {"title": title, "author": name}
        expect(book in books, "Every book is listed with its author's name", expected=book, response=response)
    titles = [book.get("title") if isinstance(book, dict) else None for book in books]
    expect(titles == sorted(titles, key=str), "The books come in title order", expected=sorted(titles, key=str), actual=titles)


def check_book_list_loads_authors_together(client):
    """GET /books/ loads each book's author with the books, not one query per book (read from the view urlpatterns routes it to)"""
    name, nodes = served_by("/books/")
    loads, discarded = loads_authors_with_books(nodes)
    if not loads and discarded:
        line = discarded[0].lineno
        expect(False, f"Line {line} builds a queryset that loads the authors, but nothing uses it: a queryset is never "
               "changed in place, each call returns a new one. Keep the result and use it: "
               'books = Book.objects.select_related("author") (or chain it onto the queryset you loop over).',
               expected='books = books.select_related("author")', actual=f"line {line}: the result of that call is thrown away")
    expect(loads, f"book.author.name runs one extra query per book. In {name}, the view that serves /books/ "
           '(or in code it calls), load the authors together with the books: Book.objects.select_related("author") '
           '(or prefetch_related("author"), or values("title", "author__name")). An author__ lookup in order_by() or '
           "filter() only sorts or filters by the author: it does not load it. A query written in a function the view never calls does not count.",
           expected='Book.objects.select_related("author")',
           actual=f"no select_related(\"author\"), prefetch_related(\"author\") or values(..., \"author__name\") in {name} or the code it calls")


def check_popular_authors(client):
    """GET /authors/popular/ returns authors with 2+ books, most books first, ties by name"""
    counts = {}
    for books in shuffled([3, 2, 2, 1, 0]):
        name, _ = add_author(client, books)
        counts[name] = books
    response, body = get_json(client, "/authors/popular/")
    authors = body.get("authors")
    expect(isinstance(authors, list), "The answer is {\"authors\": [...]}", expected={"authors": [{"name": "...", "books": 2}]}, response=response)
    for name, books in counts.items():
        entry = {"name": name, "books": books}
        if books >= 2:
            expect(entry in authors, "Every author with at least 2 books is listed with their number of books", expected=entry, response=response)
        else:
            expect(all(a.get("name") != name for a in authors if isinstance(a, dict)),
                   f"An author with {books} book(s) is not listed", expected=f"no entry for {name}", response=response)
    expect(all(isinstance(a, dict) and isinstance(a.get("books"), int) and a["books"] >= 2 for a in authors),
           "Only authors with at least 2 books are listed", expected="every entry has books >= 2", response=response)
    order = sorted(authors, key=lambda a: (-a["books"], a.get("name") or ""))
    expect(authors == order, "Authors come with the most books first, and by name when the counts are equal", expected=order, actual=authors)


def check_popular_authors_count_in_database(client):
    """GET /authors/popular/ lets the database count the books (annotate with Count; read from the view urlpatterns routes it to)"""
    name, nodes = served_by("/authors/popular/")
    expect(counts_in_database(nodes), f"{name}, the view that serves /authors/popular/, counts the books in Python (len(), .count() per "
           'author or a loop). Let the database count every author\'s books in one query, in that view or in code it calls: '
           'Author.objects.annotate(book_count=Count("books")). A query written in a function the view never calls does not count.',
           expected='annotate(book_count=Count("books"))', actual=f"no Count(...) in {name} or the code it calls")
