"""Checks for the async SQLAlchemy projects-and-tasks exercise.

HTTP shows that projects and tasks are stored (committed: a later request, with its own session, finds them),
that a duplicate project name is a 409 after which the app keeps working (the failed transaction was rolled
back), also for two requests sent at the same moment (a SELECT before the INSERT lets both through), that an unknown project is a 404, and that GET /projects lists every project with its tasks. Every check
makes its own projects and tasks with fresh names and takes ids from the answers; the database is new for every
run (the given tempfile.mkdtemp() path), but checks never assume what other checks stored.

How many SQL statements GET /projects sends comes from the given event listener on the engine, read through the
given GET /test/statements before and after the request: it must not grow with the number of projects (no
lazy load or query per row), and it must move at all (a list kept in Python, a second engine or a faked route
reports nothing). Facts HTTP cannot show are read from the submitted source (never run here): the given counter
is intact and nothing goes around it (no second engine, no SQLite driver used directly, no middleware or route
that could answer /test/statements, STATEMENTS reached only by its name), the app makes no sync engine or sync Session
(which would block the event loop inside async def), and every session comes from a yield dependency, one per
request, never a session made once and shared (at module level, cached, kept in a global or on app.state); a
commit after the yield (a commit() call, or a .begin() block around the yield) needs Depends(..., scope="function").
"""

import ast
import copy

from crossroads_checks import (
    dotted_name,
    endpoints,
    expect,
    expect_json,
    expect_status,
    find_calls,
    fresh_int,
    fresh_title,
    fresh_word,
    keyword_argument,
    last_name,
    module_functions,
    parameters,
    send_together,
    syntax_tree,
    uses_dependency,
)

MISSING_GREENLET = (
    "A 500 from an async SQLAlchemy app is most often MissingGreenlet: an attribute was read that SQLAlchemy had "
    "to load from the database without await (look at the traceback in your app's output). "
)
EXPIRE_ADVICE = (
    "After await session.commit() the session expires every object it holds unless the factory says "
    "async_sessionmaker(engine, expire_on_commit=False), and reading project.id then needs a query that async code "
    "cannot run implicitly"
)
LOAD_ADVICE = (
    "Load the tasks together with the projects, in the query itself: "
    "select(Project).options(selectinload(Project.tasks)) (or joinedload, or lazy=\"selectin\" on the relationship)"
)

# ---- HTTP --------------------------------------------------------------------------------------


def crashed(response, what, advice=""):
    expect(response.status != 500, f"{what} crashed the app (500). {MISSING_GREENLET}{advice}", response=response)


def statements(client):
    response = client.get("/test/statements")
    expect(
        response.status == 200,
        "GET /test/statements (given: leave it as it is) must answer 200 with the number of SQL statements sent so far",
        expected={"count": "<a number>"},
        response=response,
    )
    count = expect_json(response).get("count")
    expect(isinstance(count, int), "GET /test/statements must answer {\"count\": <a number>} (keep the given route)",
           expected={"count": "<a number>"}, response=response)
    return count


def create_project(client, name=None):
    name = name or f"{fresh_title()} {fresh_int(100, 99999)}"
    response = client.post("/projects", json={"name": name})
    expect(response.status not in (404, 405), "POST /projects has no route yet: add @app.post(\"/projects\", status_code=201)",
           expected="status 201", response=response)
    crashed(response, "POST /projects", EXPIRE_ADVICE)
    expect_status(response, 201)
    project = expect_json(response)
    expect(
        isinstance(project.get("id"), int) and project.get("name") == name,
        "POST /projects answers 201 with the new project: the id the database gave it and the name as sent",
        expected={"id": "<a number>", "name": name},
        response=response,
    )
    return project


def add_task(client, project_id, title=None):
    title = title or fresh_title(3)
    response = client.post(f"/projects/{project_id}/tasks", json={"title": title})
    expect(response.status != 405 and not (response.status == 404 and '"Not Found"' in response.text),
           f"POST /projects/{project_id}/tasks has no route yet: add @app.post(\"/projects/{{project_id}}/tasks\", status_code=201)",
           expected="status 201", response=response)
    crashed(response, f"POST /projects/{project_id}/tasks", EXPIRE_ADVICE)
    expect_status(response, 201)
    task = expect_json(response)
    wanted = {"id": "<a number>", "title": title, "project_id": project_id}
    expect(
        isinstance(task.get("id"), int) and task.get("title") == title and task.get("project_id") == project_id,
        f"POST /projects/{project_id}/tasks answers 201 with the new task: its id, the title as sent and the project's id",
        expected=wanted,
        response=response,
    )
    return {"id": task["id"], "title": title, "project_id": project_id}


def shape(project):
    return {"id": project.get("id"), "name": project.get("name"),
            "tasks": [{k: t.get(k) for k in ("id", "title", "project_id")} if isinstance(t, dict) else t for t in project.get("tasks") or []]
            if isinstance(project.get("tasks"), list) else project.get("tasks")}


def read_project(client, project_id):
    response = client.get(f"/projects/{project_id}")
    expect(not (response.status == 404 and '"Not Found"' in response.text) and response.status != 405,
           f"GET /projects/{project_id} has no route yet: add @app.get(\"/projects/{{project_id}}\")", response=response)
    crashed(response, f"GET /projects/{project_id}", "The project's tasks are read while the response is built: " + LOAD_ADVICE
            + ", or session.get(Project, project_id, options=[selectinload(Project.tasks)])")
    return response


def list_projects(client):
    response = client.get("/projects")
    crashed(response, "GET /projects", "Each project's tasks are read lazily while the response is built. " + LOAD_ADVICE
            + ". With joinedload, call .unique() on the result")
    expect_status(response, 200)
    listed = expect_json(response, kind=list)
    expect(all(isinstance(p, dict) for p in listed), "GET /projects answers a JSON list of projects, each an object",
           expected=[{"id": "...", "name": "...", "tasks": ["..."]}], response=response)
    return listed


def check_create_project_is_committed(client):
    """POST /projects stores the project: a later request finds it, with no tasks yet"""
    project = create_project(client)
    response = read_project(client, project["id"])
    expect(
        response.status == 200,
        f"POST /projects answered 201, but GET /projects/{project['id']} in the next request cannot find the project: "
        "it was never committed, and the session threw it away when the request ended. Call await session.commit() "
        "(session.flush() only sends it inside the transaction)",
        expected={**project, "tasks": []},
        response=response,
    )
    body = expect_json(response)
    expect(shape(body) == {**project, "tasks": []},
           f"GET /projects/{project['id']} answers the project with its id, name and an empty list of tasks",
           expected={**project, "tasks": []}, response=response)
    missing = 10**9 + fresh_int()
    response = client.get(f"/projects/{missing}")
    crashed(response, f"GET /projects/{missing} (no such project)",
            "When session.get(...) finds nothing it returns None: raise HTTPException(status_code=404) before returning it")
    expect(response.status == 404, f"GET /projects/{missing} (no such project) must answer 404: raise HTTPException(status_code=404)",
           expected="status 404", response=response)


def check_duplicate_name_is_409_and_rolled_back(client):
    """A project name already taken answers 409, and the app keeps working after it"""
    project = create_project(client)
    response = client.post("/projects", json={"name": project["name"]})
    crashed(response, f"POST /projects with the name {project['name']!r} a second time",
            "The unique column refused the row and the commit raised IntegrityError: catch it, await session.rollback(), "
            "and raise HTTPException(status_code=409)")
    expect(response.status == 409, f"POST /projects with a name another project has ({project['name']!r}) must answer 409 Conflict",
           expected="status 409", response=response)
    after = create_project(client)
    names = [p.get("name") for p in list_projects(client)]
    expect(names.count(project["name"]) == 1, f"After the 409, GET /projects lists {project['name']!r} "
           f"{names.count(project['name'])} times: the refused project must not be stored", expected=1,
           actual=names.count(project["name"]))
    expect(after["name"] in names, "A project created after the 409 must be listed by GET /projects", expected=after["name"], actual=names)
    taken = [f"{fresh_word()} {fresh_int(100, 99999)}" for _ in range(3)]
    for name in taken:
        create_project(client, name)
    bodies = [{"name": name} for name in taken] + [{"name": f"{fresh_title()} {fresh_int(100, 99999)}"} for _ in range(3)]
    statuses = []
    for body in bodies:
        statuses.append(client.post("/projects", json=body).status)
    expect(statuses == [409, 409, 409, 201, 201, 201],
           "Three duplicate names then three new ones, one after another, must answer 409, 409, 409, 201, 201, 201: "
           "each request needs its own session, and a refused commit must be rolled back so the next request starts clean",
           expected=[409, 409, 409, 201, 201, 201], actual=statuses)
    # Requests sent together only race when the server interleaves them, which a busy machine may not do on one
    # try: three rounds of three, and every round must answer one 201 and two 409s.
    for _ in range(3):
        name = f"{fresh_title()} {fresh_int(100, 99999)}"
        responses, _ = send_together(client, "POST", ["/projects"] * 3, json={"name": name})
        statuses = sorted(response.status for response in responses)
        expect(statuses == [201, 409, 409],
               f"Three POST /projects with the same new name ({name!r}), sent at the same moment, must answer one 201 "
               "and two 409s. A SELECT that looks for the name first is not enough: requests sent together all find "
               "nothing, and only the unique column refuses the others. Catch the IntegrityError from the commit, roll "
               "back, and answer 409", expected=[201, 409, 409], actual=statuses)


def check_tasks_belong_to_their_project(client):
    """POST /projects/{id}/tasks stores tasks under their project; an unknown project is a 404"""
    project = create_project(client)
    other = create_project(client)
    tasks = [add_task(client, project["id"]) for _ in range(fresh_int(2, 4))]
    add_task(client, other["id"])
    response = read_project(client, project["id"])
    expect_status(response, 200)
    expected = {**project, "tasks": tasks}
    expect(shape(expect_json(response)) == expected,
           f"GET /projects/{project['id']} answers the project with exactly its own tasks, in the order they were added "
           "(each task: id, title, project_id)", expected=expected, response=response)
    missing = 10**9 + fresh_int()
    title = fresh_title(3)
    response = client.post(f"/projects/{missing}/tasks", json={"title": title})
    crashed(response, f"POST /projects/{missing}/tasks")
    expect(response.status == 404,
           f"POST /projects/{missing}/tasks (no such project) must answer 404. SQLite does not enforce foreign keys "
           "by default, so look the project up first (await session.get(Project, project_id)) and raise HTTPException(404)",
           expected="status 404", response=response)


def check_list_runs_a_fixed_number_of_statements(client):
    """GET /projects lists every project with its tasks in a fixed number of SQL statements"""
    made = []

    def make(count):
        for _ in range(count):
            project = create_project(client)
            made.append({**project, "tasks": [add_task(client, project["id"]) for _ in range(fresh_int(1, 3))]})

    def measure():
        before = statements(client)
        listed = list_projects(client)
        used = statements(client) - before
        expect(used >= 1, f"GET /projects sent {used} SQL statements by the given counter, yet it answered a list of "
               f"{len(listed)} projects: the list must come from the database, through the given engine (the one the "
               "counter listens to), not from a copy kept in Python or a second engine",
               expected="1 to 3 statements", actual=f"{used} statements")
        by_id = {p.get("id"): shape(p) for p in listed}
        for project in made:
            expect(by_id.get(project["id"]) == project,
                   f"GET /projects must list project {project['id']} with its own tasks in the order they were added",
                   expected=project, actual=by_id.get(project["id"]))
        ids = [p.get("id") for p in listed]
        expect(ids == sorted(ids), "GET /projects lists the projects in id order: add .order_by(Project.id)",
               expected=sorted(ids), actual=ids)
        return used, len(listed)

    before = statements(client)
    make(1)
    expect(statements(client) > before, "Creating a project and a task sent no SQL statement by the given counter "
           "(GET /test/statements did not move): store them through the given engine, and leave the counter and "
           "its route as they are", expected="the count to grow", actual=f"{before}, then {statements(client)}")
    make(fresh_int(1, 2))
    first, first_rows = measure()
    make(fresh_int(3, 5))
    second, second_rows = measure()
    expect(
        first == second,
        f"GET /projects sent {first} SQL statements for {first_rows} projects and {second} for {second_rows}: the count grows "
        "with the rows, so the tasks are loaded one project at a time (the N+1 problem). " + LOAD_ADVICE,
        expected="the same number of statements whatever the number of projects",
        actual=f"{first} statements, then {second}",
    )
    expect(first <= 3, f"GET /projects sent {first} SQL statements: one for the projects and one for all their tasks is enough. "
           + LOAD_ADVICE, expected="at most 3 statements", actual=f"{first} statements")


# ---- The submitted source ----------------------------------------------------------------------

GIVEN_COUNTER = (
    "def count_statement(conn, cursor, statement, parameters, context, executemany):\n"
    "    STATEMENTS['count'] += 1"
)
SYNC_NAMES = {"create_engine", "sessionmaker", "Session", "scoped_session", "engine_from_config"}
CACHES = {"cache", "lru_cache", "cached_property"}


def _parents():
    found = {}
    for node in ast.walk(syntax_tree()):
        for child in ast.iter_child_nodes(node):
            found[child] = node
    return found


def _enclosing_function(node, parents):
    """The function whose body runs node, or None when node runs at import (a module-level statement, a default
    argument value or a decorator, which are evaluated once when the def runs)."""
    while node in parents:
        child, node = node, parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and child in node.body:
            return node
        if isinstance(node, ast.Lambda) and child is node.body:
            return node
    return None


def _commits_after_yield(function):
    """(line, what) of a commit that runs after the function's yield: a commit() written after it, or a with block
    over a .begin() (SessionLocal.begin(), session.begin()) that holds the yield and commits when it ends. None if
    there is none."""
    yields = [node for node in ast.walk(function) if isinstance(node, (ast.Yield, ast.YieldFrom))]
    if not yields:
        return None
    first = min(node.lineno for node in yields)
    commits = [node.lineno for node in ast.walk(function) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "commit" and node.lineno > first]
    if commits:
        return commits[0], "a commit() written after it"
    for node in ast.walk(function):
        if isinstance(node, (ast.With, ast.AsyncWith)) and any(y in set(ast.walk(node)) for y in yields):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "begin":
                    return node.lineno, f"{ast.unparse(call)} commits when its block ends, after the yield"
    return None


def _is_async_factory_call(call):
    """async_sessionmaker(...) or sessionmaker(..., class_=AsyncSession)."""
    name = last_name(call.func)
    if name == "async_sessionmaker":
        return True
    cls = keyword_argument(call, "class_")
    return name == "sessionmaker" and cls is not None and last_name(cls) == "AsyncSession"


def _factories():
    """Where session factories are kept: SessionLocal for SessionLocal = async_sessionmaker(...), and for a factory
    kept on an attribute (app.state.sessions = ...) its last part, .sessions, as it is read back elsewhere
    (request.app.state.sessions)."""
    names = set()
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call) and _is_async_factory_call(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.add(dotted_name(target) if isinstance(target, ast.Name) else "." + getattr(target, "attr", ""))
    return names


def _is_factory(node, factories):
    """Whether node names a session factory (or is async_sessionmaker(...) itself)."""
    if isinstance(node, ast.Call):
        return _is_async_factory_call(node)
    return dotted_name(node) in factories or (isinstance(node, ast.Attribute) and "." + node.attr in factories)


def _session_calls():
    """Calls that make a session: AsyncSession(...), a factory made by async_sessionmaker (called, or its .begin(),
    which opens a session and its transaction), or async_sessionmaker(...)()."""
    factories = _factories()
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Call):
            if last_name(node.func) == "AsyncSession" or _is_factory(node.func, factories) or (
                isinstance(node.func, ast.Attribute) and node.func.attr == "begin" and _is_factory(node.func.value, factories)
            ):
                found.append(node)
    return found


def _counter_intact():
    tree = syntax_tree()
    functions = module_functions()
    counter = functions.get("count_statement")
    intact = False
    if counter is not None:
        bare = copy.copy(counter)
        bare.decorator_list = []
        intact = ast.unparse(bare).replace('"', "'") == GIVEN_COUNTER
    if intact:
        decorators = [d for d in counter.decorator_list if isinstance(d, ast.Call)]
        intact = len(counter.decorator_list) == 1 and len(decorators) == 1 and last_name(decorators[0].func) == "listens_for" and [
            ast.unparse(a).replace('"', "'") for a in decorators[0].args] == ["engine.sync_engine", "'before_cursor_execute'"]
    listeners = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and last_name(n.func) in ("listen", "listens_for", "remove", "contains")]
    route = functions.get("statements_so_far")
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "STATEMENTS"]
    allowed = set(ast.walk(counter)) if counter else set()
    if route is not None:
        allowed |= set(ast.walk(route))
    assigns = [n for n in tree.body if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "STATEMENTS" for t in n.targets)]
    for node in assigns:
        allowed |= set(ast.walk(node))
    routes = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == "/test/statements"]
    return (
        intact
        and len(listeners) == 1
        and route is not None
        and len(route.body) == 1
        and ast.unparse(route.body[0]) == "return STATEMENTS"
        and len(assigns) == 1
        and ast.unparse(assigns[0].value).replace('"', "'") == "{'count': 0}"
        and all(use in allowed for use in uses)
        and len(routes) == 1
    )


def _class_dependency_uses(function, maker):
    """Whether a parameter written Annotated[SomeClass, Depends()] (FastAPI calls SomeClass itself) gets, through
    SomeClass.__init__, a session from the dependency maker."""
    classes = {node.name: node for node in syntax_tree().body if isinstance(node, ast.ClassDef)}
    for _, expressions in parameters(function):
        for expression in expressions:
            for node in ast.walk(expression):
                if isinstance(node, ast.Subscript) and last_name(node.value) == "Annotated" and isinstance(node.slice, ast.Tuple):
                    kind, *extras = node.slice.elts
                    empty = any(isinstance(e, ast.Call) and last_name(e.func) == "Depends" and not e.args and not e.keywords for e in extras)
                    owner = classes.get(dotted_name(kind))
                    init = next((item for item in owner.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"), None) if owner else None
                    if empty and init is not None and uses_dependency(init, maker):
                        return True
    return False


ENGINE_MAKERS = {"create_async_engine", "async_engine_from_config", "AsyncEngine"}
DRIVER_MODULES = {"sqlite3", "aiosqlite", "apsw"}
DRIVER_ATTRIBUTES = {"raw_connection", "get_raw_connection", "driver_connection", "dbapi_connection", "pool"}
REACH_NAMES = {"globals", "vars", "locals", "eval", "exec", "compile", "__import__"}
REACH_ATTRIBUTES = {"__globals__", "__code__", "__closure__", "__builtins__", "f_globals", "f_locals", "_getframe",
                    "modules", "dispatch", "STATEMENTS"}
REACH_MODULES = {"gc", "importlib", "inspect", "ctypes", "builtins"}
ROUTING_ATTRIBUTES = {"middleware", "add_middleware", "user_middleware", "middleware_stack", "build_middleware_stack", "routes",
                      "add_route", "mount"}
GIVEN_STRINGS = ("STATEMENTS", "count_statement", "cursor_execute", "/test/statements")


def _starlette_regex(path):
    """The regex a Starlette route compiles path to ({name} is one segment, {name:path} any rest)."""
    import re

    pattern = ""
    for part in re.split(r"(\{[^}]*\})", path):
        if part.startswith("{"):
            pattern += ".*" if part.rstrip("}").endswith(":path") else "[^/]+"
        else:
            pattern += re.escape(part)
    return re.compile(pattern + "$")


def _counter_bypasses():
    """What could change the counts the given listener reports, or send statements it never sees, as
    ["line N: what", ...]: a second engine, the SQLite driver used directly, the counter reached other than by its
    name, and anything that could answer GET /test/statements instead of the given route."""
    from crossroads_checks import _mount_prefixes, _route_path

    tree = syntax_tree()
    found = []
    engines = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and last_name(n.func) in ENGINE_MAKERS]
    for call in engines[1:]:
        found.append(f"line {call.lineno}: a second engine ({last_name(call.func)}), whose statements the listener on the "
                     "given engine never sees; bind every session to the given engine")
    for name in ("engine", "app", "STATEMENTS", "count_statement", "statements_so_far"):
        bindings = [n for n in ast.walk(tree) if isinstance(n, (ast.Name, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                    and (n.name if not isinstance(n, ast.Name) else n.id) == name
                    and (not isinstance(n, ast.Name) or isinstance(n.ctx, (ast.Store, ast.Del)))]
        for node in bindings[1:]:
            found.append(f"line {node.lineno}: {name} is bound a second time; the given {name} must stay the only one")
    docstrings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if node in docstrings:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                top = module.split(".")[0]
                if top in DRIVER_MODULES:
                    found.append(f"line {line}: import {module} talks to SQLite past SQLAlchemy: those statements are not "
                                 "counted (and sqlite3 blocks the event loop); query through the session")
                elif top in REACH_MODULES:
                    found.append(f"line {line}: import {module} can reach into the given counter; this exercise needs no {top}")
        elif isinstance(node, ast.Attribute):
            if node.attr in DRIVER_ATTRIBUTES:
                found.append(f"line {line}: .{node.attr} reaches the database driver past SQLAlchemy's event listeners")
            elif node.attr in REACH_ATTRIBUTES:
                found.append(f"line {line}: .{node.attr} can reach into the given counter or its listener")
            elif node.attr in ROUTING_ATTRIBUTES:
                found.append(f"line {line}: .{node.attr} can answer GET /test/statements instead of the given route; this "
                             "exercise needs no middleware and no routes beyond its four endpoints")
            elif isinstance(node.ctx, ast.Store) and dotted_name(node).startswith("engine."):
                found.append(f"line {line}: {ast.unparse(node)} changes the given engine")
        elif isinstance(node, ast.Name) and node.id in REACH_NAMES:
            found.append(f"line {line}: {node.id} can reach into the given counter by name")
        elif isinstance(node, ast.Name) and node.id == "BaseHTTPMiddleware":
            found.append(f"line {line}: a middleware can answer GET /test/statements instead of the given route")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and any(g in node.value for g in GIVEN_STRINGS):
            if node.value not in ("before_cursor_execute", "/test/statements"):
                found.append(f"line {line}: the string {node.value!r} names the given counter")
    given = module_functions().get("statements_so_far")
    prefixes = _mount_prefixes()
    for node in ast.walk(tree):
        calls = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not given:
            calls = [d for d in node.decorator_list if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("add_api_route", "api_route"):
            calls = [node]
        for call in calls:
            route = _route_path(call)
            owner = dotted_name(call.func.value)
            if route is None and call.func.attr in ("get", "post", "put", "patch", "delete", "api_route", "add_api_route", "head", "options"):
                found.append(f"line {call.lineno}: a route whose path is not written out as a string")
            elif route is not None and any(_starlette_regex(prefix + route).match("/test/statements") for prefix in prefixes.get(owner, {""})):
                found.append(f"line {call.lineno}: the route {route!r} also matches GET /test/statements; give it another path")
    return found


def check_statement_counter_is_the_given_one(client):
    """The given statement counter is intact and sees every statement the app sends"""
    expect(
        _counter_intact(),
        "The given statement counter (STATEMENTS, count_statement with its @event.listens_for, and GET /test/statements) "
        "has been changed, or STATEMENTS is used elsewhere, or another event listener was added: put the given code back "
        "as it was, so the statement counts above can be trusted",
        expected="the given counter, unchanged",
    )
    bypasses = _counter_bypasses()
    expect(
        not bypasses,
        "The statement counts above come from the given listener on the given engine, read through the given route. "
        "Your code could send statements it never sees, or change what it reports: " + "; ".join(bypasses[:3])
        + ". Query only through the per-request AsyncSession on the given engine, and leave the counter as it is",
        expected="every statement sent through the given engine, counted by the given listener",
        actual="; ".join(bypasses[:3]),
    )


def check_sessions_are_async_and_per_request(client):
    """Every request gets its own AsyncSession from a yield dependency; nothing sync, nothing shared"""
    sync = sorted({last_name(n.func) for n in ast.walk(syntax_tree()) if isinstance(n, ast.Call) and last_name(n.func) in SYNC_NAMES
                   and not _is_async_factory_call(n)})
    expect(
        not sync,
        f"Your code calls {', '.join(sync)}: a sync engine or session. Its queries block the event loop inside async def, "
        "so every other request waits. Use the given async engine with async_sessionmaker(engine, expire_on_commit=False) "
        "and await session.execute(...) / session.scalars(...) / session.commit()",
        expected="only the async engine and AsyncSession",
        actual=", ".join(sync),
    )
    parents = _parents()
    calls = _session_calls()
    expect(bool(calls), "No session is made anywhere: create SessionLocal = async_sessionmaker(engine, expire_on_commit=False) "
           "and open one per request in a yield dependency (async with SessionLocal() as session: yield session)",
           expected="a yield dependency that opens a session")
    shared = []
    makers = set()
    for call in calls:
        function = _enclosing_function(call, parents)
        where = f"line {call.lineno}"
        if function is None:
            shared.append(f"{where}: a session made once, when the module is imported")
            continue
        if any(last_name(d.func if isinstance(d, ast.Call) else d) in CACHES for d in function.decorator_list):
            shared.append(f"{where}: a session made in a cached function, so every call gets the same one")
            continue
        # The names the new session is bound to in this function, then where those names go.
        bound = set()
        holder = parents.get(call)
        if isinstance(holder, ast.withitem) and holder.optional_vars is not None:
            target = holder.optional_vars
        elif isinstance(holder, ast.Await) and isinstance(parents.get(holder), (ast.Assign, ast.AnnAssign)):
            target = getattr(parents[holder], "targets", [getattr(parents[holder], "target", None)])[0]
        elif isinstance(holder, (ast.Assign, ast.AnnAssign)):
            target = holder.targets[0] if isinstance(holder, ast.Assign) else holder.target
        else:
            target = None
        globals_here = {name for node in ast.walk(function) if isinstance(node, (ast.Global, ast.Nonlocal)) for name in node.names}
        if target is not None and not isinstance(target, ast.Name):
            shared.append(f"{where}: a session stored in {ast.unparse(target)}, where later requests find the same one")
            continue
        if isinstance(target, ast.Name):
            bound.add(target.id)
            if target.id in globals_here:
                shared.append(f"{where}: a session kept in the global {target.id}, shared by every later request")
                continue
        kept = [node for node in ast.walk(function) if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)
                and node.value.id in bound and any(not isinstance(t, ast.Name) or t.id in globals_here for t in node.targets)]
        if kept:
            shared.append(f"line {kept[0].lineno}: the session is stored in {ast.unparse(kept[0].targets[0])}, where later requests find the same one")
            continue
        if any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in ast.walk(function)):
            makers.add(function.name)
    expect(
        not shared,
        "One session shared by every request mixes their transactions: a failed commit in one request breaks the next, and "
        "two requests at once use the same connection. " + "; ".join(shared) + ". Open the session inside a yield "
        "dependency instead: async def get_session(): async with SessionLocal() as session: yield session",
        expected="a new session for each request",
        actual="; ".join(shared),
    )
    expect(
        bool(makers),
        "No yield dependency opens the session: write async def get_session(): async with SessionLocal() as session: "
        "yield session, and give it to the endpoints with Depends(get_session)",
        expected="a yield dependency that opens the session",
    )
    functions = module_functions()
    for maker in sorted(makers):
        found = _commits_after_yield(functions[maker]) if maker in functions else None
        if found is None:
            continue
        line, what = found
        plain = [call for call in find_calls("Depends") if call.args and dotted_name(call.args[0]) == maker
                 and not (isinstance(keyword_argument(call, "scope"), ast.Constant) and keyword_argument(call, "scope").value == "function")]
        expect(
            not plain,
            f"{maker} commits after its yield (line {line}: {what}), but Depends({maker}) on line {plain[0].lineno if plain else 0} keeps the "
            "default scope, which runs that code only after the response is sent: the client gets its 201 before the row "
            "is committed, and a failed commit can no longer change the answer. Commit in the endpoint (await "
            f"session.commit()), or declare Depends({maker}, scope=\"function\") so the commit runs before the response",
            expected="await session.commit() in the endpoint, or Depends(..., scope=\"function\")",
        )
    for path in ("/projects", "/projects/{}", "/projects/{}/tasks"):
        for function in endpoints(path):
            expect(
                any(uses_dependency(function, maker) or _class_dependency_uses(function, maker) for maker in makers),
                f"{function.name} (line {function.lineno}) serves {path} without the per-request session: take it as a "
                f"parameter, session: Annotated[AsyncSession, Depends({sorted(makers)[0]})], and use that session",
                expected=f"a parameter filled by Depends({sorted(makers)[0]})",
            )
