"""Checks for the Flask-SQLAlchemy library exercise.

HTTP shows that authors and books are stored (committed: a later request finds them), that an author's page
lists only their books in title order, that unknown authors are 404s, that a duplicate ISBN is a 409 naming
the book that has it and leaves the app working, that GET /authors counts every author's books, and that
GET /books pages through the books with the right totals. Every check makes its own authors and books with
fresh names and ISBNs, and takes ids from the answers. The database is new for every run (the given
tempfile.mkdtemp() path), but checks never assume what other checks stored.

Facts HTTP cannot show are read from the submitted source (never run here): GET /authors does not run a
query per author (no lazy-loaded relationship and no query inside a loop, unless the relationship is loaded
with the authors: a selectinload/joinedload given to .options() of the query that runs, or lazy="selectin");
GET /books asks the database for one page (db.paginate, or limit/offset) of an ordered SELECT instead of
loading every book and cutting the list in Python; and POST /authors/<id>/books lets the unique column
decide (it catches IntegrityError) instead of only looking the ISBN up first, which two requests at once
both pass.
"""

import ast
import math
import re

from crossroads_checks import (
    dotted_name,
    expect,
    expect_json,
    expect_status,
    fresh_int,
    fresh_title,
    shuffled,
    syntax_tree,
)

# ---- HTTP --------------------------------------------------------------------------------------


def fresh_isbn():
    return "978" + "".join(str(fresh_int(0, 9)) for _ in range(10))


def crashed(response, what):
    expect(response.status != 500, f"{what} crashed the app (500): look at the traceback in your app's output", response=response)


def create_author(client, name=None):
    name = name or fresh_title()
    response = client.post("/authors", json={"name": name})
    crashed(response, "POST /authors")
    expect_status(response, 201)
    author = expect_json(response)
    expect(
        isinstance(author.get("id"), int) and author.get("name") == name,
        "POST /authors answers 201 with the new author: the id the database gave it (an integer) and the name as sent"
        + (". The id is None because the row was never sent to the database: call db.session.commit() before reading author.id" if "id" in author and author["id"] is None else ""),
        expected={"id": "an integer", "name": name},
        response=response,
    )
    return author


def add_book(client, author_id, title=None, isbn=None):
    title, isbn = title or fresh_title(3), isbn or fresh_isbn()
    response = client.post(f"/authors/{author_id}/books", json={"title": title, "isbn": isbn})
    crashed(response, f"POST /authors/{author_id}/books")
    expect(
        response.status == 201,
        f"POST /authors/{author_id}/books with a new title and ISBN must store the book and answer 201"
        + (": there is no such route yet (add @app.post(\"/authors/<int:author_id>/books\"))" if response.status in (404, 405) and "json" not in response.headers.get("Content-Type", "") else ""),
        expected="status 201",
        response=response,
    )
    book = expect_json(response)
    wanted = {"id": "an integer", "title": title, "isbn": isbn, "author_id": author_id}
    expect(
        isinstance(book.get("id"), int) and {k: book.get(k) for k in ("title", "isbn", "author_id")} == {"title": title, "isbn": isbn, "author_id": author_id},
        f"POST /authors/{author_id}/books answers with the new book: its id, the title and ISBN as sent, and the author's id",
        expected=wanted,
        response=response,
    )
    return {k: book[k] for k in ("id", "title", "isbn", "author_id")}


def show_author(client, author, why_missing=None):
    response = client.get(f"/authors/{author['id']}")
    crashed(response, f"GET /authors/{author['id']}")
    if response.status == 404 and "json" not in response.headers.get("Content-Type", ""):
        message = "There is no route for GET /authors/<id> yet: add one with @app.get(\"/authors/<int:author_id>\")"
    elif response.status == 404:
        message = why_missing or (
            f"GET /authors/{author['id']} did not find the author POST /authors had just created. Call db.session.commit() "
            "after db.session.add(author): the session is removed when each request ends, and what was not committed is "
            "rolled back with it"
        )
    else:
        message = f"GET /authors/{author['id']} answers 200 with the author and their books"
    expect(response.status == 200, message, expected="status 200", response=response)
    body = expect_json(response)
    books = body.get("books")
    expect(
        body.get("id") == author["id"] and body.get("name") == author["name"] and isinstance(books, list) and all(isinstance(b, dict) for b in books),
        f'GET /authors/{author["id"]} answers {{"id": ..., "name": ..., "books": [...]}}, each book an object',
        expected={"id": author["id"], "name": author["name"], "books": ["..."]},
        response=response,
    )
    return [{k: book.get(k) for k in ("id", "title", "isbn", "author_id")} for book in books], response


def books_page(client, query):
    response = client.get(f"/books{query}")
    crashed(response, f"GET /books{query}")
    expect_status(response, 200)
    body = expect_json(response)
    shape = {"books": "[...]", "page": 1, "per_page": 10, "pages": 1, "total": 1}
    expect(
        isinstance(body.get("books"), list) and all(isinstance(body.get(k), int) for k in ("page", "per_page", "pages", "total")),
        'GET /books answers {"books": [...], "page": ..., "per_page": ..., "pages": ..., "total": ...}, the numbers as integers',
        expected=shape,
        response=response,
    )
    return body, response


def error_404(response, what):
    crashed(response, what)
    expect(
        response.status == 404,
        f"{what}: no author has that id, so answer 404",
        expected='status 404 with {"error": "..."}',
        response=response,
    )
    is_json = "json" in response.headers.get("Content-Type", "")
    expect(
        is_json and isinstance(response.json(), dict) and "error" in response.json(),
        f"{what} answered 404 with an HTML page. Answer JSON: register @app.errorhandler(404) that returns "
        '{"error": error.description}, 404 (db.get_or_404 raises a 404 that Flask would otherwise render as HTML), or look the '
        'author up with db.session.get(Author, author_id) and return {"error": "Author not found"}, 404 yourself',
        expected='{"error": "..."}',
        response=response,
    )


# ---- Checks over HTTP ----------------------------------------------------------------------------


def check_create_author(client):
    """POST /authors stores an author that GET /authors/<id> returns in a later request"""
    author = create_author(client)
    books, response = show_author(client, author)
    expect(books == [], "A new author has no books yet", expected={"id": author["id"], "name": author["name"], "books": []}, response=response)


def check_author_name_required(client):
    """POST /authors without a name is refused with 400"""
    for body in ({}, {"name": "   "}):
        response = client.post("/authors", json=body)
        crashed(response, "POST /authors without a name")
        expect(response.status == 400, f"POST /authors with {body} must be refused with 400: the name is required", expected='status 400 with {"error": "..."}', response=response)
        expect("error" in expect_json(response), 'The 400 answer says what is wrong: {"error": "..."}', expected={"error": "..."}, response=response)


def check_books_of_an_author(client):
    """GET /authors/<id> lists that author's books, and only theirs, sorted by title"""
    author, other = create_author(client), create_author(client)
    titles = sorted({fresh_title(2) for _ in range(3)})
    while len(titles) < 3:
        titles = sorted(set(titles) | {fresh_title(2)})
    order = titles[::-1] if fresh_int(0, 1) else [titles[1], titles[2], titles[0]]
    mine = [add_book(client, author["id"], title) for title in order]
    theirs = add_book(client, other["id"])
    books, response = show_author(client, author)
    wanted = sorted(mine, key=lambda book: book["title"])
    if not books:
        message = (
            "GET /authors/<id> lists no books, although POST /authors/<id>/books answered 201 for each. Call "
            "db.session.commit() after adding the book: what a request does not commit is rolled back when it ends"
        )
    elif theirs in books or len(books) > len(mine):
        message = (
            "GET /authors/<id> lists books of other authors too. List only this author's books: author.books, or "
            "db.select(Book).where(Book.author_id == author.id)"
        )
    elif sorted(books, key=lambda b: str(b.get("title"))) == wanted:
        message = (
            "The author's books are all there, but not sorted by title. Sort them in the database: "
            'relationship(..., order_by="Book.title") on Author.books, or .order_by(Book.title) in the query'
        )
    else:
        message = "GET /authors/<id> lists each of the author's books with its id, title, isbn and author_id, sorted by title"
    expect(books == wanted, message, expected=wanted, actual=books)
    books, response = show_author(client, other)
    expect(books == [theirs], "Each author's page shows only their own books", expected=[theirs], actual=books)


def check_unknown_author(client):
    """An author id that does not exist is a 404 with a JSON error, on GET and when adding a book"""
    author = create_author(client)
    missing = author["id"] + fresh_int(100_000, 900_000)
    error_404(client.get(f"/authors/{missing}"), f"GET /authors/{missing}")
    response = client.post(f"/authors/{missing}/books", json={"title": fresh_title(), "isbn": fresh_isbn()})
    expect(
        response.status != 201,
        f"POST /authors/{missing}/books stored a book for an author who does not exist. SQLite does not check foreign keys "
        "unless you switch them on, so look the author up first: db.get_or_404(Author, author_id)",
        expected="status 404",
        response=response,
    )
    error_404(response, f"POST /authors/{missing}/books")


def check_book_fields_required(client):
    """A book without a title or an ISBN is refused with 400"""
    author = create_author(client)
    for body in ({"isbn": fresh_isbn()}, {"title": fresh_title()}, {"title": "  ", "isbn": fresh_isbn()}):
        response = client.post(f"/authors/{author['id']}/books", json=body)
        crashed(response, f"POST /authors/{author['id']}/books with {body}")
        expect(response.status == 400, f"POST /authors/<id>/books with {body} must be refused with 400: title and isbn are both required",
               expected='status 400 with {"error": "..."}', response=response)
        expect("error" in expect_json(response), 'The 400 answer says what is wrong: {"error": "..."}', expected={"error": "..."}, response=response)


def check_duplicate_isbn(client):
    """A second book with the same ISBN is a 409 naming the book that has it, and the app keeps working"""
    first_author, second_author = create_author(client), create_author(client)
    first = add_book(client, first_author["id"])
    books, _ = show_author(client, first_author)
    expect(books == [first], "A book POST /authors/<id>/books stored must be on its author's page in the next request: call "
           "db.session.commit() after adding it (what a request does not commit is rolled back when it ends)", expected=[first], actual=books)
    response = client.post(f"/authors/{second_author['id']}/books", json={"title": fresh_title(3), "isbn": first["isbn"]})
    expect(
        response.status != 201,
        "A second book with the same ISBN was stored. Make the column unique (mapped_column(String(20), unique=True)), "
        "so the database refuses it and commit() raises IntegrityError",
        expected="status 409",
        response=response,
    )
    expect(
        response.status != 500,
        "Adding a book with an ISBN that is taken crashed the app (500). Catch sqlalchemy.exc.IntegrityError around "
        "db.session.commit() and call db.session.rollback() before anything else touches the session: until then every "
        "query raises PendingRollbackError (\"This Session's transaction has been rolled back due to a previous exception "
        "during flush\"), so looking up the book that has the ISBN fails too",
        expected='status 409 with {"error": "...", "book_id": ...}',
        response=response,
    )
    expect_status(response, 409)
    body = expect_json(response)
    expect(
        "error" in body and body.get("book_id") == first["id"],
        "The 409 answer says what is wrong and which book already has that ISBN: "
        '{"error": "...", "book_id": <the id of that book>}. After db.session.rollback(), look it up with '
        "db.session.scalar(db.select(Book).where(Book.isbn == isbn))",
        expected={"error": "...", "book_id": first["id"]},
        response=response,
    )
    second = add_book(client, second_author["id"])
    books, _ = show_author(client, second_author)
    expect(books == [second], "After a refused duplicate, the author has only the book that was stored afterwards: nothing of the refused one is kept",
           expected=[second], actual=books)
    books, _ = show_author(client, first_author)
    expect(books == [first], "The book that had the ISBN first is unchanged", expected=[first], actual=books)


def check_authors_with_book_counts(client):
    """GET /authors lists every author, in id order, with the number of their books"""
    counts = shuffled([0, 1, fresh_int(2, 4)])
    authors = [create_author(client) for _ in counts]
    for author, count in zip(authors, counts):
        for _ in range(count):
            add_book(client, author["id"])
    response = client.get("/authors")
    crashed(response, "GET /authors")
    expect_status(response, 200)
    listed = expect_json(response).get("authors")
    expect(isinstance(listed, list) and all(isinstance(a, dict) for a in listed), 'GET /authors answers {"authors": [...]}, each author an object',
           expected={"authors": [{"id": "...", "name": "...", "book_count": "..."}]}, response=response)
    by_id = {a.get("id"): a for a in listed}
    for author, count in zip(authors, counts):
        found = by_id.get(author["id"])
        wanted = {"id": author["id"], "name": author["name"], "book_count": count}
        if found is None:
            message = f"GET /authors leaves out the author {author['name']!r}" + (
                ", who has no books. An inner join keeps only authors that have books: use .outerjoin(Author.books)" if count == 0 else ""
            )
        elif count == 0 and found.get("book_count") == 1:
            message = (
                "An author without books is listed with book_count 1. With an outer join, count(*) counts the author's own "
                "row: count the books' ids instead, func.count(Book.id), which skips the NULLs"
            )
        else:
            message = "GET /authors lists each author with their id, name and book_count, the number of their books"
        expect(found is not None and {k: found.get(k) for k in wanted} == wanted, message, expected=wanted, actual=found if found is not None else listed)
    ids = [a.get("id") for a in listed]
    expect(all(isinstance(i, int) for i in ids) and ids == sorted(ids), "GET /authors lists the authors in id order (.order_by(Author.id))",
           expected="ids in increasing order", actual=ids)


def check_books_paginated(client):
    """GET /books?page=&per_page= answers one page of books in id order, with page, per_page, pages and total"""
    author = create_author(client)
    mine = [add_book(client, author["id"]) for _ in range(3)]
    body, _ = books_page(client, "?page=1&per_page=5")
    for _ in range(max(0, 12 - body["total"])):
        mine.append(add_book(client, author["id"]))
    per_page = fresh_int(3, 5)
    body, response = books_page(client, f"?page=1&per_page={per_page}")
    total = body["total"]
    pages = math.ceil(total / per_page)
    expect(
        body["per_page"] == per_page,
        f"GET /books?page=1&per_page={per_page} must use the per_page the client asked for; the answer says per_page "
        f"{body['per_page']}. Read it from the query string: per_page=request.args.get(\"per_page\", 10, type=int) (a constant "
        "per_page given to db.paginate wins over the query string)",
        expected={"per_page": per_page},
        actual={k: body.get(k) for k in ("page", "per_page", "pages", "total")},
    )
    expect(
        total >= len(mine) and body["per_page"] == per_page and body["pages"] == pages and body["page"] == 1,
        f"GET /books?page=1&per_page={per_page} answers page 1 of {pages}: per_page as asked, total the number of every stored "
        "book (not only this page's), pages the number of pages. db.paginate(...) gives them as .page, .per_page, .total and .pages",
        expected={"page": 1, "per_page": per_page, "pages": pages, "total": f"at least {len(mine)}"},
        actual={k: body.get(k) for k in ("page", "per_page", "pages", "total")},
    )
    seen = []
    for page in range(1, pages + 1):
        body, response = books_page(client, f"?page={page}&per_page={per_page}")
        size = per_page if page < pages else total - per_page * (pages - 1)
        expect(
            body["page"] == page and body["total"] == total and len(body["books"]) == size,
            f"Page {page} of {pages} (per_page={per_page}, {total} books) holds {size} book(s): read page and per_page from the "
            "query string (request.args.get(\"page\", 1, type=int)) and give them to db.paginate",
            expected={"page": page, "total": total, "books": f"{size} book(s)"},
            actual={"page": body["page"], "total": body["total"], "books": f"{len(body['books'])} book(s)"},
        )
        seen.extend(body["books"])
    ids = [book.get("id") for book in seen]
    expect(
        all(isinstance(i, int) for i in ids) and ids == sorted(set(ids)) and len(ids) == total,
        "Walking the pages from 1 to the last gives every book once, in id order: order the query with .order_by(Book.id) "
        "so each page continues where the one before stopped",
        expected=f"{total} different ids in increasing order",
        actual=ids,
    )
    shown = {book.get("id"): {k: book.get(k) for k in ("id", "title", "isbn", "author_id")} for book in seen}
    for book in mine:
        expect(shown.get(book["id"]) == book, "Each book on a page has its id, title, isbn and author_id", expected=book, actual=shown.get(book["id"]))
    body, response = books_page(client, "")
    expect(
        body["page"] == 1 and body["per_page"] == 10 and [b.get("id") for b in body["books"]] == ids[:10],
        "GET /books without page or per_page answers the first page of 10 books. db.paginate's own default is 20 per page, "
        "so pass per_page=request.args.get(\"per_page\", 10, type=int)",
        expected={"page": 1, "per_page": 10, "books": f"the first 10 book ids: {ids[:10]}"},
        actual={"page": body["page"], "per_page": body["per_page"], "books": [b.get("id") for b in body["books"]]},
    )
    body, response = books_page(client, "?per_page=500")
    expect(
        body["per_page"] == 50 and len(body["books"]) == min(50, total),
        "per_page is capped at 50, so a client cannot ask for every row at once: db.paginate(..., max_per_page=50)",
        expected={"per_page": 50, "books": f"{min(50, total)} book(s)"},
        actual={"per_page": body["per_page"], "books": f"{len(body['books'])} book(s)"},
    )


# ---- Reading the source ------------------------------------------------------------------------
# Which function serves a route, and what it runs, following the helpers and model methods it calls.

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
ROUTE_KINDS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "route": None}
LOADERS = {"selectinload", "joinedload", "subqueryload", "contains_eager"}
# Methods that return a new statement (or query) and leave the one they are called on as it was.
GENERATIVE = {"options", "where", "filter", "filter_by", "order_by", "join", "outerjoin", "limit", "offset", "group_by",
              "having", "distinct", "execution_options"}
# IntegrityError and the classes it inherits from: an except for any of them catches it.
CATCHES_INTEGRITY_ERROR = {"IntegrityError", "DatabaseError", "DBAPIError", "StatementError", "SQLAlchemyError", "Exception",
                           "BaseException"}
EAGER_LAZY = {"selectin", "joined", "subquery"}
QUERY_CALLS = {"execute", "scalars", "scalar", "get", "get_or_404", "first_or_404", "one_or_404", "paginate", "all", "first",
               "one", "one_or_none", "count", "scalar_one", "scalar_one_or_none"}
QUERY_OWNERS = {"session", "query", "db", "engine", "connection", "conn"}
PAGING_CALLS = {"paginate", "limit", "offset", "slice", "fetch"}


def last(node):
    return dotted_name(node).split(".")[-1]


def shape(path):
    return re.sub(r"<[^>]*>", "<>", path)


def constant_text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def blueprint_prefixes():
    """Blueprint variable -> the URL prefixes its routes are served under (its url_prefix, or register_blueprint's)."""
    own = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and last(node.value.func) == "Blueprint":
            prefix = next((constant_text(k.value) for k in node.value.keywords if k.arg == "url_prefix"), None) or ""
            for target in node.targets:
                if isinstance(target, ast.Name):
                    own[target.id] = prefix
    found = {name: set() for name in own}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Call) and last(node.func) == "register_blueprint" and node.args and isinstance(node.args[0], ast.Name):
            name = node.args[0].id
            given = next((k.value for k in node.keywords if k.arg == "url_prefix"), None)
            found.setdefault(name, set()).add(constant_text(given) if given is not None and constant_text(given) is not None else own.get(name, ""))
    return {name: prefixes or {own.get(name, "")} for name, prefixes in found.items()}


def route_methods(call, kind):
    if ROUTE_KINDS.get(kind):
        return {ROUTE_KINDS[kind]}
    methods = next((k.value for k in call.keywords if k.arg == "methods"), None)
    if isinstance(methods, (ast.List, ast.Tuple, ast.Set)):
        return {str(constant_text(e) or "").upper() for e in methods.elts}
    return {"GET"}


def views_for(method, path):
    """The functions that serve method path: @app.get/@app.route/@bp.get (with Blueprint prefixes) or add_url_rule
    (a function, or a MethodView's method)."""
    wanted = shape(path)
    prefixes = blueprint_prefixes()
    classes = {node.name: node for node in ast.walk(syntax_tree()) if isinstance(node, ast.ClassDef)}
    functions = {node.name: node for node in syntax_tree().body if isinstance(node, FUNCTIONS)}
    found = []

    def serves(owner, rule, methods):
        return rule is not None and method in methods and any(shape(prefix + rule) == wanted for prefix in prefixes.get(owner, {""}))

    for node in ast.walk(syntax_tree()):
        if isinstance(node, FUNCTIONS):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) and decorator.func.attr in ROUTE_KINDS:
                    rule = constant_text(decorator.args[0]) if decorator.args else next((constant_text(k.value) for k in decorator.keywords if k.arg == "rule"), None)
                    if serves(dotted_name(decorator.func.value), rule, route_methods(decorator, decorator.func.attr)):
                        found.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_url_rule":
            rule = constant_text(node.args[0]) if node.args else next((constant_text(k.value) for k in node.keywords if k.arg == "rule"), None)
            view = next((k.value for k in node.keywords if k.arg == "view_func"), node.args[2] if len(node.args) > 2 else None)
            if isinstance(view, ast.Name) and view.id in functions:
                if serves(dotted_name(node.func.value), rule, route_methods(node, "route")):
                    found.append(functions[view.id])
            elif isinstance(view, ast.Call) and last(view.func) == "as_view" and isinstance(view.func, ast.Attribute):
                cls = classes.get(dotted_name(view.func.value))
                handler = next((item for item in cls.body if isinstance(item, FUNCTIONS) and item.name == method.lower()), None) if cls else None
                if handler is not None and serves(dotted_name(node.func.value), rule, {method}):
                    found.append(handler)
    return found


class Reached:
    """Every node a view runs, with whether it runs once per item of a loop (a for loop, a comprehension, a
    lambda, a helper called by map/sorted), following the file's own functions, model methods and properties."""

    def __init__(self, view):
        tree = syntax_tree()
        self.functions = {node.name: node for node in tree.body if isinstance(node, FUNCTIONS)}
        self.methods, self.properties = {}, {}
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            for item in cls.body:
                if isinstance(item, FUNCTIONS):
                    is_property = any(last(d) in ("property", "cached_property", "hybrid_property") for d in item.decorator_list)
                    (self.properties if is_property else self.methods).setdefault(item.name, []).append(item)
        self.nodes = []
        self.scan_body(view, False, 0, (view,))

    def scan_body(self, function, in_loop, depth, seen):
        for statement in function.body:
            self.scan(statement, in_loop, depth, seen)

    def follow(self, functions, in_loop, depth, seen):
        for function in functions:
            if function not in seen and depth < 4:
                self.scan_body(function, in_loop, depth + 1, (*seen, function))

    def scan(self, node, in_loop, depth, seen):
        self.nodes.append((node, in_loop))
        if isinstance(node, (ast.For, ast.AsyncFor)):
            self.scan(node.iter, in_loop, depth, seen)
            for child in (node.target, *node.body, *node.orelse):
                self.scan(child, True, depth, seen)
            return
        if isinstance(node, ast.While):
            for child in (node.test, *node.body, *node.orelse):
                self.scan(child, True, depth, seen)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            first, *rest = node.generators
            self.scan(first.iter, in_loop, depth, seen)
            inner = [first.target, *first.ifs]
            for generator in rest:
                inner += [generator.iter, generator.target, *generator.ifs]
            inner += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            for child in inner:
                self.scan(child, True, depth, seen)
            return
        if isinstance(node, ast.Lambda):
            self.scan(node.body, True, depth, seen)
            return
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in self.functions:
                self.follow([self.functions[node.func.id]], in_loop, depth, seen)
            elif isinstance(node.func, ast.Attribute) and node.func.attr in self.methods:
                self.follow(self.methods[node.func.attr], in_loop, depth, seen)
            if isinstance(node.func, ast.Name) and node.func.id in ("map", "filter", "sorted", "min", "max", "sum"):
                for argument in [*node.args, *(k.value for k in node.keywords)]:
                    if isinstance(argument, ast.Name) and argument.id in self.functions:
                        self.follow([self.functions[argument.id]], True, depth, seen)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.attr in self.properties:
            self.follow(self.properties[node.attr], in_loop, depth, seen)
        for child in ast.iter_child_nodes(node):
            self.scan(child, in_loop, depth, seen)

    def calls(self):
        return [(node, in_loop) for node, in_loop in self.nodes if isinstance(node, ast.Call)]


def relationships():
    """Relationship attribute name -> its relationship() call, for every model in the file (backref names too)."""
    found = {}
    for cls in (node for node in ast.walk(syntax_tree()) if isinstance(node, ast.ClassDef)):
        for item in cls.body:
            value = item.value if isinstance(item, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(value, ast.Call) and last(value.func) == "relationship":
                targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = value
                backref = next((k.value for k in value.keywords if k.arg == "backref"), None)
                name = constant_text(backref) or (constant_text(backref.args[0]) if isinstance(backref, ast.Call) and backref.args else None)
                if name:
                    found[name] = backref
    return found


def eager_by_default(call):
    lazy = next((k.value for k in getattr(call, "keywords", []) if k.arg == "lazy"), None)
    return isinstance(lazy, ast.Constant) and (lazy.value in EAGER_LAZY or lazy.value is False)


def is_query(call):
    parts = dotted_name(call.func).split(".")
    return parts[-1] in QUERY_CALLS and "func" not in parts and any(part in QUERY_OWNERS for part in parts[:-1])


def lines_of(nodes):
    """Each node's line once (a chained call such as scalars(...).all() is one finding, not two)."""
    shown, seen = [], set()
    for node in nodes:
        if node.lineno not in seen:
            seen.add(node.lineno)
            shown.append(line_of(node))
    return "; ".join(shown)


def line_of(node):
    text = ast.unparse(node)
    return f"line {node.lineno}: {text if len(text) < 90 else text[:87] + '...'}"


def the_view(method, path):
    views = views_for(method, path)
    expect(
        views,
        f"The checks could not find the function that serves {method} {path} in your code: define it with "
        f'@app.{method.lower()}("{path}") (a Blueprint\'s @bp.{method.lower()}, @app.route or app.add_url_rule work too)',
        expected=f'@app.{method.lower()}("{path}")\ndef ...',
        actual="no such function",
    )
    return views


def discarded_calls(reached):
    """Statement-building calls whose result is thrown away: `stmt.options(selectinload(...))` on a line of its own
    changes nothing, since a statement never changes in place."""
    found = set()
    for node, _ in reached.nodes:
        if isinstance(node, ast.Expr):
            call = node.value
            while isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in GENERATIVE:
                found.add(id(call))
                call = call.func.value
    return found


def loaded_relationships(view, reached):
    """The relationship names the view's queries load with the rows: loader options (selectinload, joinedload, ...)
    given to an .options() call whose result is used, in the view, in what it calls, or in a statement it takes from
    a variable (a module-level constant too). A loader built and never given to a query loads nothing."""
    bound = bound_values(view)
    dropped = discarded_calls(reached)
    loaded = set()

    def loaders_in(node, depth):
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and last(inner.func) in LOADERS:
                for argument in [*inner.args, *(k.value for k in inner.keywords)]:
                    loaded.update(n.attr for n in ast.walk(argument) if isinstance(n, ast.Attribute))
                    loaded.update(n.value for n in ast.walk(argument) if isinstance(n, ast.Constant) and isinstance(n.value, str))
            elif isinstance(inner, ast.Name) and depth < 3:
                for value in bound.get(inner.id, []):
                    loaders_in(value, depth + 1)

    def options_in(node, depth):
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and last(inner.func) == "options" and id(inner) not in dropped:
                for argument in [*inner.args, *(k.value for k in inner.keywords)]:
                    loaders_in(argument, depth)
            elif isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load) and depth < 3:
                for value in bound.get(inner.id, []):
                    options_in(value, depth + 1)

    for node, _ in reached.nodes:
        if isinstance(node, ast.Call) and last(node.func) == "options" and id(node) not in dropped:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                loaders_in(argument, 0)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            for value in bound.get(node.id, []):
                options_in(value, 1)
    return loaded


def relationship_read(node, relations):
    """The relationship name when node reads one (author.books, or getattr(author, "books")), else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.attr in relations:
        return node.attr
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2:
        name = constant_text(node.args[1])
        return name if name in relations else None
    return None


def check_authors_list_without_n_plus_one(client):
    """GET /authors gets every author's books in one or two queries, not one query per author (the N+1 problem)"""
    models = {node.name for node in ast.walk(syntax_tree()) if isinstance(node, ast.ClassDef)}
    relations = relationships()
    for view in the_view("GET", "/authors"):
        reached = Reached(view)
        loaded = loaded_relationships(view, reached)
        thrown_away = discarded_calls(reached)
        dropped = [call for call, _ in reached.calls() if id(call) in thrown_away and last(call.func) == "options"]
        labels = {constant_text(call.args[0]) for call, _ in reached.calls() if last(call.func) == "label" and call.args}
        queries = [call for call, in_loop in reached.calls() if in_loop and is_query(call)]
        expect(
            not queries,
            f"{view.name} runs a query inside a loop, once for each author: with 500 authors that is 501 queries (the N+1 "
            "problem). Get the numbers in the same query as the authors: db.select(Author.id, Author.name, "
            "func.count(Book.id)).outerjoin(Author.books).group_by(Author.id), or load the books with the authors "
            "(.options(selectinload(Author.books))) and use len(author.books)",
            expected="no query inside the loop over the authors",
            actual=lines_of(queries),
        )
        lazy = [
            node for node, in_loop in reached.nodes
            if in_loop and relationship_read(node, relations)
            and not eager_by_default(relations[relationship_read(node, relations)])
            and relationship_read(node, relations) not in loaded | labels and "*" not in loaded
            and not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in models)
        ]
        expect(
            not (lazy and dropped),
            f"{view.name} calls .options(...) on a line of its own, which changes nothing: a statement never changes in place, "
            "and .options() returns a new one. The query that runs has no loader, so each author's books are read with a "
            "SELECT of their own (the N+1 problem). Keep what .options() returns: stmt = stmt.options(selectinload(Author.books))",
            expected="stmt = db.select(Author).options(selectinload(Author.books)).order_by(Author.id)",
            actual=lines_of(dropped),
        )
        expect(
            not lazy,
            f"{view.name} reads a relationship inside the loop over the authors without loading it first, so SQLAlchemy "
            "runs one SELECT per author the first time each one's books are read (lazy loading: 1 query for the authors, "
            "then N more, the N+1 problem; HTTP cannot show it, but the database does the work). Load the books with "
            "the authors: db.select(Author).options(selectinload(Author.books)) (or joinedload, with .unique()), or count "
            "them in SQL with func.count(Book.id) and an outer join",
            expected="db.select(Author).options(selectinload(Author.books)).order_by(Author.id)",
            actual=lines_of(lazy),
        )


def check_duplicate_isbn_left_to_the_database(client):
    """POST /authors/<id>/books lets the unique column refuse a taken ISBN (it catches IntegrityError), not only a look-up"""
    handlers = [
        node for node in ast.walk(syntax_tree())
        if isinstance(node, ast.Call) and last(node.func) in ("errorhandler", "register_error_handler") and node.args
        and last(node.args[0]) in CATCHES_INTEGRITY_ERROR - {"Exception", "BaseException"}
    ]
    for view in the_view("POST", "/authors/<int:author_id>/books"):
        caught = False
        for node, _ in Reached(view).nodes:
            if isinstance(node, ast.ExceptHandler):
                types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                caught = caught or node.type is None or any(last(t) in CATCHES_INTEGRITY_ERROR for t in types)
        expect(
            caught or handlers,
            f"Nothing in {view.name} catches IntegrityError, so a taken ISBN can only be found by a look-up before the "
            "insert. Two requests that send the same new ISBN at the same moment both find nothing and both insert: the "
            "unique column refuses the second at commit(), and that visitor gets a 500. Let the database "
            "decide: try: db.session.commit() / except IntegrityError: db.session.rollback(), then look up the book "
            "that has the ISBN (a look-up first is fine, as long as the except is there too)",
            expected="try:\n    db.session.commit()\nexcept IntegrityError:\n    db.session.rollback()\n    ...",
            actual="no except that catches IntegrityError",
        )


def bound_values(function):
    """Name -> the values assigned to it anywhere in function (and at the top of the file)."""
    found = {}
    for scope in (syntax_tree(), function):
        for node in (ast.walk(scope) if scope is function else scope.body):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                found.setdefault(node.target.id, []).append(node.value)
    return found


def pages_in_sql(node, bound, depth=0):
    """Whether node (or what the names in it hold) limits the query: .limit(), .offset(), .slice(), paginate()."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and last(inner.func) in PAGING_CALLS:
            return True
        if isinstance(inner, ast.Name) and depth < 3 and any(pages_in_sql(value, bound, depth + 1) for value in bound.get(inner.id, [])):
            return True
    return False


def ordered_by(node, bound, depth=0):
    """Whether node (or what the names in it hold) has an .order_by() call."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and last(inner.func) == "order_by":
            return True
        if isinstance(inner, ast.Name) and depth < 3 and any(ordered_by(value, bound, depth + 1) for value in bound.get(inner.id, [])):
            return True
    return False


def loads_every_row(node, bound, depth=0):
    """Whether node is (or names) a query run without a limit: db.session.scalars(db.select(Book)).all()."""
    if isinstance(node, ast.Call) and is_query(node):
        return not pages_in_sql(node, bound)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple") and node.args:
        return loads_every_row(node.args[0], bound, depth)
    if isinstance(node, ast.Name) and depth < 3:
        return any(loads_every_row(value, bound, depth + 1) for value in bound.get(node.id, []))
    return False


def check_books_paged_by_the_database(client):
    """GET /books asks the database for one page (LIMIT/OFFSET, or db.paginate), not for every book"""
    for view in the_view("GET", "/books"):
        reached = Reached(view)
        calls = [call for call, _ in reached.calls()]
        bound = bound_values(view)
        expect(
            any(last(call.func) in PAGING_CALLS for call in calls),
            f"{view.name} loads every book and cuts the page out of the list in Python: with 100,000 books, every request "
            "reads all of them to send 10. Let the database send one page: db.paginate(db.select(Book).order_by(Book.id), "
            "page=..., per_page=..., max_per_page=50) runs SELECT ... LIMIT ... OFFSET ... and a COUNT for the total "
            "(or add .limit(per_page).offset((page - 1) * per_page) to the select yourself)",
            expected="db.paginate(db.select(Book).order_by(Book.id), page=page, per_page=per_page, max_per_page=50)",
            actual=lines_of([call for call in calls if is_query(call)]) or "no LIMIT, OFFSET or paginate",
        )
        ordered = any(last(call.func) == "order_by" for call in calls) or any(
            ordered_by(value, bound) for node, _ in reached.nodes if isinstance(node, ast.Name) for value in bound.get(node.id, [])
        )
        expect(
            ordered,
            f"{view.name} pages through the books without ORDER BY. SQLite happens to send them in id order, but without "
            "ORDER BY a database may send rows in any order, and a different one for each page: a book can show up on two "
            "pages, or on none. Order the query: db.select(Book).order_by(Book.id)",
            expected="db.paginate(db.select(Book).order_by(Book.id), ...)",
            actual=lines_of([call for call in calls if is_query(call) or last(call.func) in PAGING_CALLS]) or "no order_by",
        )
        counted = [call for call in calls if isinstance(call.func, ast.Name) and call.func.id == "len" and call.args and loads_every_row(call.args[0], bound)]
        expect(
            not counted,
            f"{view.name} counts the books by loading all of them (len() of a query's rows). Count in the database: "
            "db.session.scalar(db.select(func.count()).select_from(Book)), or use db.paginate, whose .total does it",
            expected="db.session.scalar(db.select(func.count()).select_from(Book))",
            actual=lines_of(counted),
        )
