"""Django 04: what the endpoints answer is checked over HTTP with authors and books made up for this
run (added through the given seed view); how the queries are built (the author loaded with the books,
the books counted by the database) is read from the submitted source, in the checks' own sandbox."""

import ast
import random
import string

from crossroads_checks import django_view_for, dotted_name, expect, expect_json, expect_status, fresh_title, shuffled, syntax_tree

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


def module_definitions():
    """{name: [node]} for module-level functions, classes and NAME = value assignments (the value)."""
    found = {}
    for statement in syntax_tree().body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.setdefault(statement.name, []).append(statement)
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(statement.value)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value is not None:
            found.setdefault(statement.target.id, []).append(statement.value)
    return found


def view_code(url):
    """(the view's name, [the code that serves url]): the view urlpatterns routes url to, and what it uses
    in this file: functions it calls, module-level values, classes it names (their attributes, the methods
    called on them, Django's hooks; every method of a view class routed with .as_view()). None if no route."""
    view = django_view_for(url)
    if view is None:
        return None
    definitions = module_definitions()
    routed = {dotted_name(node.func.value) for node in ast.walk(view)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_view"}
    reached, seen_names, classes, called, todo = [], set(), [], set(), [view]
    while todo:
        node = todo.pop()
        reached.append(node)
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
                called.add(inner.func.attr)
            if isinstance(inner, ast.Name) and inner.id in definitions and inner.id not in seen_names:
                seen_names.add(inner.id)
                for definition in definitions[inner.id]:
                    if isinstance(definition, ast.ClassDef):
                        classes.append((definition, inner.id in routed))
                        todo.extend(definition.bases + definition.decorator_list + definition.keywords)
                        todo.extend(s for s in definition.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))
                    else:
                        todo.append(definition)
        for definition, whole in classes:
            for method in definition.body:
                if (isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and method not in reached and method not in todo
                        and (whole or method.name in called or method.name in HOOKS)):
                    todo.append(method)
    for definition, whole in classes:  # a routed view class brings its own base classes whole
        if whole:
            for base in definition.bases:
                for other in definitions.get(dotted_name(base), []):
                    if isinstance(other, ast.ClassDef) and other not in reached:
                        reached.extend(ast.iter_child_nodes(other))
    name = dotted_name(view.func.value) if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) else dotted_name(view)
    return name or "your view", reached


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


def loads_authors_with_books(nodes):
    """select_related / prefetch_related (or Prefetch, in_bulk), or a lookup through author__ in values()/F()."""
    if calls_named(nodes, "select_related", "prefetch_related", "Prefetch", "in_bulk"):
        return True
    return any(text.startswith("author__") for text in strings(nodes))


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
    expect(loads_authors_with_books(nodes), f"book.author.name runs one extra query per book. In {name}, the view that serves /books/ "
           '(or in code it calls), load the authors together with the books: Book.objects.select_related("author") '
           '(or prefetch_related("author"), or values("title", "author__name")). A query written in a function the view never calls does not count.',
           expected='Book.objects.select_related("author")', actual=f"no select_related, prefetch_related or author__ lookup in {name} or the code it calls")


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
