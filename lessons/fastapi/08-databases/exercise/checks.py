"""Checks for the yield-dependency exercise.

HTTP shows that notes are created and read. It cannot show that the connection is closed, or where
an endpoint got it from: those are read from the submitted source (never run here). get_db must be a
generator that yields the connection from connect() inside try/finally (or contextlib.closing), so
it is closed even when the endpoint raises; what the finally closes must be the very name yielded
(closing a cursor leaves the connection open). Both endpoints take the connection from Depends(get_db)
(directly, or through a dependency function or a class whose __init__ takes it and whose methods use
what it kept), read that parameter, and open no connection of their own (connect(), a helper that
calls it, or a module-level one). Endpoints are found on the app or on an APIRouter (with its prefix
and include_router's), with the path given either way.
"""

import ast

from crossroads_checks import (
    depends_on,
    dotted_name,
    endpoints,
    expect,
    expect_json,
    expect_status,
    fresh_int,
    fresh_title,
    last_name,
    module_functions,
    syntax_tree,
    uses_dependency,
)

DEPENDENCY = "get_db"
ENDPOINTS = {"/notes": "POST /notes", "/notes/{note_id}": "GET /notes/{note_id}"}
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


# ---- Reading the source ------------------------------------------------------------------------




def own_nodes(function):
    """The nodes of a function's body, without those of the functions defined inside it."""
    pending = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))


def get_db_definition():
    definition = module_functions().get(DEPENDENCY)
    expect(definition is not None, "Define get_db() at the top level of main.py", expected="def get_db(): ...", actual="no function named get_db")
    return definition


def yields_inside(definition):
    """For each yield of get_db: (the yield, the try and with statements whose body holds it)."""
    found = []

    def visit(node, around):
        if isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            return
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            found.append((node, around))
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            for part in node.body:
                visit(part, [*around, node])
            for part in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(part, around)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for part in node.body:
                visit(part, [*around, node])
        else:
            for child in ast.iter_child_nodes(node):
                visit(child, around)

    for statement in definition.body:
        visit(statement, [])
    return found


def yielded_name(node):
    """The name a yield gives (conn for `yield conn`), or None when it yields something else."""
    return node.value.id if isinstance(node, ast.Yield) and isinstance(node.value, ast.Name) else None


def closes(statement, name):
    """Whether a try's finally calls name.close(), or a with statement closes name with contextlib.closing
    (`with closing(connect()) as name:` or `with closing(name):`): the object closed must be the one yielded."""
    if name is None:
        return False
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return any(
            isinstance(item.context_expr, ast.Call)
            and last_name(item.context_expr.func) in ("closing", "aclosing")
            and (
                (isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name)
                or any(isinstance(arg, ast.Name) and arg.id == name for arg in item.context_expr.args)
            )
            for item in statement.items
        )
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("close", "aclose")
        and isinstance(node.func.value, ast.Name) and node.func.value.id == name
        for part in statement.finalbody
        for node in ast.walk(part)
    )


def is_connect(call):
    return isinstance(call, ast.Call) and dotted_name(call.func).split(".")[-1] == "connect"


def openers():
    """Top-level functions that open a connection: they call connect() or another such function (get_db too)."""
    functions = module_functions()
    found = set()
    changed = True
    while changed:
        changed = False
        for name, definition in functions.items():
            if name not in found and any(
                is_connect(node) or (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in found)
                for node in own_nodes(definition)
            ):
                found.add(name)
                changed = True
    return found


def module_connections(opening):
    """Top-level names bound to a connection when main.py is imported (the starter's _keeper)."""
    names = set()
    for statement in syntax_tree().body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and isinstance(statement.value, ast.Call):
            call = statement.value
            if is_connect(call) or (isinstance(call.func, ast.Name) and call.func.id in opening):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def own_connections(function):
    """What in an endpoint's body opens a connection (connect(), or a helper that calls it) or uses a module-level one."""
    opening = openers()
    shared = module_connections(opening)
    found = []
    for node in own_nodes(function):
        if isinstance(node, ast.Call) and (is_connect(node) or (isinstance(node.func, ast.Name) and node.func.id in opening)):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Name) and node.id in shared and isinstance(node.ctx, ast.Load):
            found.append(f"line {node.lineno}: {node.id} (a connection opened when main.py is imported)")
    return sorted(set(found))


# ---- HTTP --------------------------------------------------------------------------------------


def create(client, text):
    response = client.post("/notes", json={"text": text})
    expect_status(response, 201)
    note = expect_json(response)
    expect(
        isinstance(note.get("id"), int) and note == {"id": note["id"], "text": text},
        "POST /notes answers with the new note's id (an integer) and text",
        expected={"id": "an integer", "text": text},
        response=response,
    )
    return note


def check_create_and_read(client):
    """POST /notes creates a note that GET /notes/{note_id} returns"""
    note = create(client, fresh_title())
    response = client.get(f"/notes/{note['id']}")
    expect_status(response, 200)
    expect_json(response, note)


def check_notes_kept_apart(client):
    """Each note gets its own id and keeps its own text"""
    notes = [create(client, fresh_title(3)) for _ in range(3)]
    expect(len({note["id"] for note in notes}) == 3, "Three notes get three different ids", expected="three ids", actual=notes)
    for note in reversed(notes):
        response = client.get(f"/notes/{note['id']}")
        expect_status(response, 200)
        expect_json(response, note)


def check_unknown_note(client):
    """An unknown note id is a 404 with detail 'Note not found'"""
    note = create(client, fresh_title())
    response = client.get(f"/notes/{note['id'] + fresh_int(100_000, 900_000)}")
    expect_status(response, 404)
    expect_json(response, {"detail": "Note not found"})


def check_text_required(client):
    """A note without text is rejected with 422"""
    expect_status(client.post("/notes", json={}), 422)


# ---- The source: a yield dependency that always closes, used by both endpoints ------------------


def check_get_db_yields_a_connection(client):
    """get_db is a yield dependency that opens the connection with connect()"""
    definition = get_db_definition()
    expect(
        yields_inside(definition),
        "get_db must be a yield dependency: `yield conn` instead of `return conn`, so code after the yield can close it",
        expected="def get_db(): conn = connect() ... yield conn ...",
        actual="get_db has no yield",
    )
    expect(
        any(isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == "connect" for node in own_nodes(definition)),
        "get_db must open the connection itself with connect()",
        expected="conn = connect() inside get_db",
        actual="no connect() call in get_db",
    )


def check_get_db_closes_on_error(client):
    """get_db closes the connection after the request, even when the endpoint raises"""
    definition = get_db_definition()
    found = yields_inside(definition)
    expect(found, "get_db must be a yield dependency (yield conn)", expected="yield conn", actual="get_db has no yield")
    unprotected = [(node, around) for node, around in found if not any(closes(statement, yielded_name(node)) for statement in around)]
    closed_other = [
        node for node, around in unprotected
        if yielded_name(node) and any(isinstance(s, ast.Try) and any(isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "close" for part in s.finalbody for c in ast.walk(part)) for s in around)
    ]
    shown = yielded_name(closed_other[0]) if closed_other else "conn"
    expect(
        not closed_other,
        f"The finally of get_db closes something other than the connection it yields: close the yielded object itself, "
        f"`{shown}.close()`, so the connection is released after every request "
        "(closing a cursor leaves the connection open)",
        expected=f"try:\n    yield {shown}\nfinally:\n    {shown}.close()",
        actual=ast.unparse(definition),
    )
    expect(
        not unprotected,
        "The connection must be closed on every path, when the endpoint returns and when it raises (FastAPI throws the "
        "endpoint's error in at the yield, so a close() written after it never runs): put the yield inside "
        "try: ... finally: conn.close(), closing the connection you yield. A `with connect() as conn:` block commits or "
        "rolls back but does not close",
        expected="try:\n    yield conn\nfinally:\n    conn.close()",
        actual=ast.unparse(definition),
    )


def check_endpoints_use_get_db(client):
    """Both endpoints take their connection from Depends(get_db)"""
    get_db_definition()
    for path, label in ENDPOINTS.items():
        functions = endpoints(path)
        expect(functions, f"Keep the endpoint for {label}", expected=label, actual=f"no endpoint for {path}")
        for function in functions:
            signature = f"def {function.name}({ast.unparse(function.args)})"
            expect(
                depends_on(function, DEPENDENCY),
                f"{label} must receive its connection from the dependency, so it is closed after the request and a test "
                "can swap it with app.dependency_overrides[get_db]: declare a parameter such as `db: Annotated[sqlite3.Connection, Depends(get_db)]`",
                expected=f"def {function.name}(..., db: Annotated[sqlite3.Connection, Depends(get_db)])",
                actual=signature,
            )
            own = own_connections(function)
            expect(
                not own,
                f"{label} opens or reuses a connection of its own instead of the one get_db gives it: take the connection "
                "only from the dependency (the parameter declared with Depends(get_db)) and run the queries on it",
                expected="no connection opened in the endpoint: only db.execute(...) on the dependency's connection",
                actual="; ".join(own),
            )
            expect(
                uses_dependency(function, DEPENDENCY),
                f"{label} declares Depends(get_db) but never uses the connection it gives: run the queries on that "
                "parameter (db.execute(...)), or in a class dependency on the self.db its __init__ kept, so the connection "
                "get_db closes is the one the endpoint used",
                expected=f"def {function.name}(..., db: Annotated[sqlite3.Connection, Depends(get_db)]): ... db.execute(...)",
                actual=f"{signature}: the connection reaching {', '.join(depends_on(function, DEPENDENCY))} is never used",
            )
