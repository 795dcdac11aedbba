"""Checks for the database exercise.

HTTP shows that books are stored, listed and fetched, that a missing one is a 404, and that text full of
SQL is stored as it was sent. It cannot show where the connection comes from or that it is closed: that is
read from the submitted source (never run here). Every sqlite3.connect() sits in a function that keeps
the connection on g (get_db), directly or through a helper that returns it, and looks on g before opening
another; nothing at the top level of the file holds a connection, a function
registered with teardown_appcontext closes what get_db kept on g, and the SQL given to execute() is text
written out in the code, with the values passed separately (? placeholders).
"""

import ast

from crossroads_checks import (
    dotted_name,
    expect,
    expect_json,
    expect_status,
    fresh_int,
    fresh_title,
    fresh_word,
    import_origins,
    shuffled,
    syntax_tree,
)

NOT_FOUND = {"error": "Book not found"}
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
SQL_METHODS = ("execute", "executemany", "executescript")


# ---- HTTP --------------------------------------------------------------------------------------


def create(client, title, author):
    response = client.post("/books", json={"title": title, "author": author})
    expect(response.status != 500, "Saving a book crashed the app (500): look at the traceback", expected="status 201", response=response)
    expect_status(response, 201)
    book = expect_json(response)
    expect(
        isinstance(book.get("id"), int) and book == {"id": book["id"], "title": title, "author": author},
        "POST /books answers with the new book: the id the database gave it (an integer), and the title and author exactly as sent",
        expected={"id": "an integer", "title": title, "author": author},
        response=response,
    )
    return book


def fetch(client, book, why=""):
    response = client.get(f"/books/{book['id']}")
    if response.status == 404 and "json" not in response.headers.get("Content-Type", ""):
        message = "There is no route for GET /books/<id> yet: add one with @app.get(\"/books/<int:book_id>\")"
    elif response.status == 404:
        message = (
            f"GET /books/{book['id']} did not find the book POST /books had just created. Call db.commit() after the INSERT "
            "(each request has its own connection, and a write that was not committed is gone when it closes), and answer "
            "with the id the database gave the new row (cursor.lastrowid), not one you work out yourself"
        )
    elif response.status == 500:
        message = f"GET /books/{book['id']} crashed the app (500): look at the traceback"
    else:
        message = f"GET /books/{book['id']} must return the book that POST /books just created, as it was sent"
    expect(response.status == 200, message + (f" ({why})" if why and response.status != 404 else ""), expected=f"status 200 with {book}", response=response)
    expect(
        expect_json(response) == book,
        f"GET /books/{book['id']} must return the book that POST /books just created, exactly as it was sent" + (f": {why}" if why else ""),
        expected=book,
        response=response,
    )


def listed(client):
    response = client.get("/books")
    expect_status(response, 200)
    books = expect_json(response).get("books")
    expect(isinstance(books, list), 'GET /books answers {"books": [...]}', expected={"books": ["..."]}, response=response)
    return books


def check_create_and_fetch(client):
    """POST /books stores a book that GET /books/<id> returns in a later request"""
    book = create(client, fresh_title(3), fresh_title())
    fetch(client, book)


def check_each_book_kept(client):
    """Each new book gets its own id from the database and keeps its own data"""
    books = [create(client, fresh_title(3), fresh_title()) for _ in range(3)]
    ids = [book["id"] for book in books]
    expect(
        ids == sorted(set(ids)),
        "Each new book gets a new, larger id that it keeps: commit() the INSERT and answer with the id the database gave the row (cursor.lastrowid)",
        expected="three different ids, each larger than the one before",
        actual=books,
    )
    for book in shuffled(books):
        fetch(client, book)


def check_list(client):
    """GET /books lists every book, in id order"""
    mine = [create(client, fresh_title(2), fresh_title()) for _ in range(2)]
    books = listed(client)
    for book in mine:
        expect(book in books, "GET /books lists every stored book with its id, title and author", expected=book, actual=books, response=client.last[1])
    ids = [item.get("id") if isinstance(item, dict) else item for item in books]
    expect(
        all(isinstance(i, int) for i in ids) and ids == sorted(ids),
        "GET /books lists the books in id order (ORDER BY id), each with its id, title and author",
        expected="ids in increasing order",
        actual=ids,
    )


def check_unknown_book(client):
    """A book id that does not exist is a 404 with {"error": "Book not found"}"""
    book = create(client, fresh_title(), fresh_title())
    missing = book["id"] + fresh_int(100_000, 900_000)
    response = client.get(f"/books/{missing}")
    expect(
        response.status == 404,
        f"No book has id {missing}: answer 404 when fetchone() finds no row (it returns None)",
        expected=f"status 404 with {NOT_FOUND}",
        response=response,
    )
    expect_json(response, NOT_FOUND)


def check_hostile_text_stored(client):
    """Titles and authors full of quotes and SQL are stored exactly as sent"""
    word = fresh_word()
    title = shuffled([f"{word}'); DROP TABLE book; --", f"{word}' OR '1'='1", f'"{word}" -- %s ?'])[0]
    author = f"O'{fresh_word().capitalize()}, \"{fresh_word()}\"; --"
    book = create(client, title, author)
    fetch(client, book, "the quotes and SQL in the text must be stored as text: pass the values with ? placeholders")
    books = listed(client)
    expect(book in books, "After saving text that looks like SQL, GET /books still lists every book, that one included", expected=book, actual=books)


def check_missing_fields(client):
    """A book without a title or an author is refused with 400"""
    for body in ({"author": fresh_title()}, {"title": fresh_title()}, {"title": "  ", "author": fresh_title()}):
        response = client.post("/books", json=body)
        expect(
            response.status == 400,
            f"POST /books with {body} must be refused with 400 and an error message: title and author are both required",
            expected='status 400 with {"error": "..."}',
            response=response,
        )
        expect("error" in expect_json(response), 'The 400 answer says what is wrong: {"error": "..."}', expected={"error": "..."}, response=response)


# ---- Reading the source ------------------------------------------------------------------------


def full_name(node):
    """What node names once imports are followed: 'sqlite3.connect' for connect after `from sqlite3 import connect`."""
    name = dotted_name(node)
    first, _, rest = name.partition(".")
    origin = import_origins().get(first)
    return origin + ("." + rest if rest else "") if origin else name


def is_sqlite_connect(node):
    return isinstance(node, ast.Call) and full_name(node.func) == "sqlite3.connect"


def is_connect(node, factories=None):
    """A call that gives a new connection: sqlite3.connect(...), or a function of the file that returns one."""
    if is_sqlite_connect(node):
        return True
    factories = connection_factories() if factories is None else factories
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in factories


_factories = []


def connection_factories():
    """Names of the file's functions that open a connection and return it without keeping it on g, such as
    def open_connection(path): connection = sqlite3.connect(path); connection.row_factory = ...; return connection."""
    if _factories:
        return _factories[0]
    functions = [node for node in ast.walk(syntax_tree()) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    found = set()
    for _ in range(4):  # a helper of a helper, a few levels deep
        for function in functions:
            if function.name in found or stored_on_g(function, found):
                continue
            opened = opened_names(function, found)
            returned = [node.value for node in ast.walk(function) if isinstance(node, ast.Return) and node.value is not None]
            if any(is_connect(value, found) or (isinstance(value, ast.Name) and value.id in opened) for value in returned):
                found.add(function.name)
    _factories.append(found)
    return found


def opened_names(function, factories=None):
    """Names a function binds to a new connection (connection = sqlite3.connect(...))."""
    opened = {t.id for node in ast.walk(function) if isinstance(node, ast.Assign) and is_connect(node.value, factories) for t in node.targets if isinstance(t, ast.Name)}
    opened |= {node.target.id for node in ast.walk(function) if isinstance(node, ast.NamedExpr) and is_connect(node.value, factories)}
    return opened


def is_g(node):
    return full_name(node) == "flask.g"


def parents():
    found = {}
    for node in ast.walk(syntax_tree()):
        for child in ast.iter_child_nodes(node):
            found[child] = node
    return found


def enclosing_function(node, up):
    node = up.get(node)
    while node is not None and not isinstance(node, FUNCTIONS):
        node = up.get(node)
    return node


def stored_on_g(function, factories=None):
    """The g attributes function keeps a connection in: g.db = sqlite3.connect(...) (directly or through a name)."""
    return set(g_stores(function, factories))


def g_stores(function, factories=None):
    """{g attribute: line of the first statement that keeps a new connection in it} for one function."""
    opened = opened_names(function, factories)

    def connection(value):
        return is_connect(value, factories) or (isinstance(value, ast.Name) and value.id in opened)

    found = {}
    for node in ast.walk(function):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and connection(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and is_g(t.value):
                    found[t.attr] = min(found.get(t.attr, node.lineno), node.lineno)
        elif isinstance(node, ast.Call) and dotted_name(node.func) == "setattr" and len(node.args) == 3 and is_g(node.args[0]) and connection(node.args[2]):
            key = node.args[1]
            name = key.value if isinstance(key, ast.Constant) else "?"
            found[name] = min(found.get(name, node.lineno), node.lineno)
    return found


def looks_on_g(node, attributes):
    """Whether node reads one of these g attributes or asks whether g has it: "db" in g, g.db, g.get("db"), getattr(g, "db", None), hasattr(g, "db")."""
    def wanted(name):
        return name in attributes or name == "?" or "?" in attributes

    if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
        return any(is_g(c) for c in node.comparators) and (not isinstance(node.left, ast.Constant) or wanted(node.left.value))
    if isinstance(node, ast.Call) and dotted_name(node.func) == "hasattr" and len(node.args) == 2 and is_g(node.args[0]):
        return not isinstance(node.args[1], ast.Constant) or wanted(node.args[1].value)
    if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
        return False
    taken = from_g(node)
    return taken is not None and wanted(taken)


def reuses_connection(function, stores):
    """Whether the connection kept on g is looked for before a new one is opened: in the function, before the line that
    opens it (if "db" not in g:, getattr(g, "db", None), try: return g.db), or in each function that calls it, before the call."""
    first = min(stores.values())
    if any(looks_on_g(node, set(stores)) and getattr(node, "lineno", first) < first for node in ast.walk(function)):
        return True
    up = parents()
    callers = [(node, enclosing_function(node, up)) for node in ast.walk(syntax_tree())
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == getattr(function, "name", None)]
    return bool(callers) and all(
        caller is not None and any(looks_on_g(node, set(stores)) and getattr(node, "lineno", call.lineno) < call.lineno for node in ast.walk(caller))
        for call, caller in callers
    )


def connect_calls():
    """(call, the function it is in or None, the g attributes that function keeps a connection in).

    A helper that opens a connection and returns it counts through its calls: where they are, and whether
    the function that calls it keeps the connection on g."""
    up = parents()
    factories = connection_factories()
    found = []
    for node in ast.walk(syntax_tree()):
        if is_connect(node):
            function = enclosing_function(node, up)
            if is_sqlite_connect(node) and getattr(function, "name", None) in factories:
                continue  # judged where the helper is called
            found.append((node, function, stored_on_g(function) if function is not None else set()))
    return found


def registered_teardowns():
    """{function name: how it is registered} for teardown_appcontext / teardown_request (decorator or call)."""
    found = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                kind = dotted_name(decorator).split(".")[-1]
                if kind in ("teardown_appcontext", "teardown_request"):
                    found.setdefault(node.name, set()).add(kind)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("teardown_appcontext", "teardown_request"):
            if node.args and isinstance(node.args[0], ast.Name):
                found.setdefault(node.args[0].id, set()).add(node.func.attr)
    return found


def from_g(value):
    """The g attribute an expression takes: g.db, g.pop("db", None), g.get("db"), getattr(g, "db", None); None if not."""
    if isinstance(value, ast.Attribute) and is_g(value.value):
        return value.attr
    if isinstance(value, ast.Call) and value.args:
        key = value.args[0]
        if isinstance(value.func, ast.Attribute) and value.func.attr in ("pop", "get") and is_g(value.func.value):
            return key.value if isinstance(key, ast.Constant) else "?"
        if dotted_name(value.func) == "getattr" and len(value.args) >= 2 and is_g(value.args[0]):
            return value.args[1].value if isinstance(value.args[1], ast.Constant) else "?"
    return None


def closes_from_g(function):
    """The g attributes whose connection function closes: g.pop("db").close(), or db = g.pop(...) then db.close()."""
    names = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and from_g(node.value) is not None:
            names.update({t.id: from_g(node.value) for t in node.targets if isinstance(t, ast.Name)})
        elif isinstance(node, ast.NamedExpr) and from_g(node.value) is not None:
            names[node.target.id] = from_g(node.value)
    closed = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "close":
            target = node.func.value
            if isinstance(target, ast.Name) and target.id in names:
                closed.add(names[target.id])
            elif from_g(target) is not None:
                closed.add(from_g(target))
    return closed


def check_connection_per_request(client):
    """Each request opens its own connection in get_db() and keeps it on g"""
    calls = connect_calls()
    expect(
        calls,
        "Open the connection in get_db() with sqlite3.connect(current_app.config[\"DATABASE\"]) and keep it on g for the rest of the request",
        expected='g.db = sqlite3.connect(current_app.config["DATABASE"])',
        actual="no sqlite3.connect() in your file",
    )
    for call, function, kept in calls:
        where = f"line {call.lineno}: {ast.unparse(call)}"
        expect(
            function is not None,
            "A connection opened when the file is imported is shared by every request (and by every thread of a real "
            "server). Remove it: open the connection inside get_db(), once per request, and keep it on g",
            expected='def get_db():\n    if "db" not in g:\n        g.db = sqlite3.connect(current_app.config["DATABASE"])\n    return g.db',
            actual=f"{where}, at the top level of the file",
        )
        expect(
            kept,
            f"{getattr(function, 'name', 'A lambda')} opens a connection without keeping it on g, so nothing closes it when the request "
            "ends and each call opens another one. Open connections only in get_db(), which stores the connection on g "
            "(g.db = ...) and gives back the same one for the rest of the request",
            expected='g.db = sqlite3.connect(current_app.config["DATABASE"])',
            actual=f"{where}, in {getattr(function, 'name', 'a lambda')}",
        )
    for call, function, kept in calls:
        stores = g_stores(function)
        expect(
            reuses_connection(function, stores),
            f"{function.name} opens a new connection every time it is called, even when this request already has one on g, "
            "so a request that calls it twice leaks the first connection (only the last one is closed at teardown). Look on "
            f"g first and open a connection only when there is none: if \"{next(iter(stores))}\" not in g: ..., then return the one on g",
            expected=f'def {function.name}():\n    if "db" not in g:\n        g.db = sqlite3.connect(current_app.config["DATABASE"])\n    return g.db',
            actual=f"line {call.lineno}: {ast.unparse(call)}, with no look at g before it",
        )
    held = []
    for statement in syntax_tree().body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and isinstance(statement.value, ast.Call):
            if dotted_name(statement.value.func).split(".")[-1] in {getattr(f, "name", "") for _, f, _ in calls}:
                held.append(f"line {statement.lineno}: {ast.unparse(statement)}")
    expect(
        not held,
        "A connection kept in a variable at the top level of the file outlives the request that opened it. Call get_db() "
        "inside each view instead",
        expected="db = get_db() inside the view",
        actual="; ".join(held),
    )


def check_closed_on_teardown(client):
    """A function registered with teardown_appcontext closes the connection kept on g"""
    kept = set().union(*(k for _, _, k in connect_calls())) if connect_calls() else set()
    teardowns = registered_teardowns()
    functions = {node.name: node for node in ast.walk(syntax_tree()) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    closing = {name: closes_from_g(functions[name]) for name in teardowns if name in functions}
    closers = [name for name, closed in closing.items() if closed and (not kept or "?" in closed or "?" in kept or closed & kept)]
    expect(
        closers,
        "Close each request's connection when the request ends: write close_db(exception), which takes the connection off "
        "g (g.pop(\"db\", None)) and calls .close() on it, and register it with @app.teardown_appcontext"
        + (
            f" (your {', '.join(sorted(closing))} does not close the connection get_db keeps on g.{', g.'.join(sorted(kept - {'?'})) or '...'})"
            if closing
            else " (no function is registered to run at teardown, so every request leaves its connection open)"
        ),
        expected='@app.teardown_appcontext\ndef close_db(exception):\n    db = g.pop("db", None)\n    if db is not None:\n        db.close()',
        actual={name: sorted(kinds) for name, kinds in teardowns.items()} or "no teardown function",
    )
    expect(
        any("teardown_appcontext" in teardowns[name] for name in closers),
        "Register close_db with teardown_appcontext, not teardown_request: it runs when every request ends and also "
        "when a `with app.app_context():` block ends, such as the one around init_db(), so that connection is closed too",
        expected="@app.teardown_appcontext",
        actual={name: sorted(teardowns[name]) for name in closers},
    )


def fixed_text(node, function, depth=0):
    """Whether node is SQL text written out in the code: a string, strings joined with +, or a name bound only to such."""
    if depth > 8:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        # f"SELECT {COLUMNS} FROM book": only text written out in the code goes in
        return all(isinstance(part, ast.Constant) or fixed_text(part.value, function, depth + 1) for part in node.values)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        # QUERIES["add"], where QUERIES = {...} at the top of the file holds only written-out SQL
        tables = [item.value for item in syntax_tree().body if isinstance(item, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == node.value.id for t in item.targets)]
        return bool(tables) and all(
            isinstance(table, ast.Dict) and all(fixed_text(value, None, depth + 1) for value in table.values) for table in tables
        )
    if isinstance(node, ast.IfExp):
        return fixed_text(node.body, function, depth + 1) and fixed_text(node.orelse, function, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return fixed_text(node.left, function, depth + 1) and fixed_text(node.right, function, depth + 1)
    if isinstance(node, ast.Name):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.id in parameter_names(function):
            # A helper such as query(sql, args=()): every call of it in the file must give it written-out SQL.
            given = arguments_for(function, node.id)
            return bool(given) and all(arg is not None and fixed_text(arg, caller, depth + 1) for arg, caller in given)
        bound = []
        for scope in ([function] if function is not None else []) + [syntax_tree()]:
            for item in ast.walk(scope) if scope is function else scope.body:
                if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in item.targets):
                    bound.append(item.value)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id == node.id and item.value is not None:
                    bound.append(item.value)
                elif isinstance(item, ast.AugAssign) and isinstance(item.target, ast.Name) and item.target.id == node.id:
                    bound.append(item.value if isinstance(item.op, ast.Add) else None)
            if bound:
                break
        return bool(bound) and all(value is not None and fixed_text(value, function, depth + 1) for value in bound)
    return False


def parameter_names(function):
    args = function.args
    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]


def arguments_for(function, name):
    """(what each call of function passes for its parameter name, the function that call is in); None when unknown."""
    up = parents()
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function.name:
            value = next((k.value for k in node.keywords if k.arg == name), None)
            if value is None and name in positional and positional.index(name) < len(node.args):
                value = node.args[positional.index(name)]
            if any(isinstance(arg, ast.Starred) for arg in node.args) or any(k.arg is None for k in node.keywords):
                value = None
            found.append((value, enclosing_function(node, up)))
    return found


def check_placeholders(client):
    """The values travel as parameters (? placeholders), never inside the SQL text"""
    up = parents()
    built = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_METHODS:
            sql = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in ("sql", "sql_script")), None)
            if sql is not None and not fixed_text(sql, enclosing_function(node, up)):
                built.append(f"line {node.lineno}: {ast.unparse(node)}")
    expect(
        not built,
        "Write the SQL as plain text with a ? where each value goes, and pass the values separately: "
        "db.execute(\"INSERT INTO book (title, author) VALUES (?, ?)\", (title, author)). SQL built with an f-string, "
        "%, + or .format() lets a quote in the value change the query (SQL injection), even when quotes are escaped by hand",
        expected='db.execute("SELECT id, title, author FROM book WHERE id = ?", (book_id,))',
        actual="; ".join(built),
    )
