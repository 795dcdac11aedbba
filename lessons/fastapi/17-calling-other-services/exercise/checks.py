"""Checks for the calling-other-services exercise.

The catalog service the app calls is played by the given code in the learner's file: it replaces the transport
under every httpx client, so no request leaves the sandbox, answers what the checks set through the given
PUT /test/catalog (fresh ISBNs, titles and prices each run; errors; httpx.ReadTimeout), and reports the
AsyncClients the app made, whether they are closed, the timeouts of every call and any blocking call
(GET /test/catalog). PUT /test/override does what a test does with app.dependency_overrides[get_catalog] and an
httpx.MockTransport; POST /test/lifespan runs the app's lifespan once more (it runs last: a lifespan that keeps
its client in a global leaves that global closed). The given code reports from inside the learner's process, so
one check reads the submitted source (never run here): the given blocks are unchanged and the /test routes stay last,
nothing else names the stand-in or the given routes, nothing could answer for those routes (middleware, mounts, the
route table, routes under /test or catching any path, app-wide dependencies, a made-up is_closed), no library is
patched, and no blocking HTTP library or call appears. The given POST /test/lifespan reports an error in the lifespan
itself, so no exception handler can answer for it.
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
    imported_names,
    last_name,
    syntax_tree,
)

GIVEN_HEAD = r'''# ---- Given: leave this block as it is. -------------------------------------------------------------
# The catalog is another team's service. In production CATALOG_URL points at it; in this exercise the
# checks stand in for it. The code below replaces the network under every httpx client (as the respx
# library does in tests): a request to CATALOG_URL gets the answer the checks set, any other address
# fails with httpx.ConnectError, and the clients your app makes are counted for the checks.
CATALOG_URL = "https://catalog.internal"


class _StandIn:
    def __init__(self):
        self.answers, self.clients, self.seen, self.blocking = {}, [], [], 0

    def answer(self, request):
        if request.url.host != "catalog.internal":
            raise httpx.ConnectError("There is no network in this exercise", request=request)
        self.seen.append({"url": str(request.url), "timeout": request.extensions.get("timeout")})
        answer = self.answers.get(request.url.path, {"status": 404, "json": {"error": "no such item"}})
        if "raise" in answer:
            raise getattr(httpx, answer["raise"])(answer["raise"], request=request)
        if "json" in answer:
            return httpx.Response(answer["status"], json=answer["json"])
        return httpx.Response(answer["status"], text=answer["text"])


_stand_in = _StandIn()
_make_client = httpx.AsyncClient.__init__


def _counted_init(client, *args, **kwargs):
    _make_client(client, *args, **kwargs)
    _stand_in.clients.append(client)


async def _answer_async(transport, request):
    return _stand_in.answer(request)


def _answer_blocking(transport, request):
    _stand_in.blocking += 1
    return _stand_in.answer(request)


httpx.AsyncClient.__init__ = _counted_init
httpx.AsyncHTTPTransport.handle_async_request = _answer_async
httpx.HTTPTransport.handle_request = _answer_blocking
# ---- End of the given block. ------------------------------------------------------------------------
'''

GIVEN_TAIL = r'''# ---- Given: leave these test routes as they are, at the end of the file. They do over HTTP what a test
# does in-process: set the catalog's answers, read what it saw, override get_catalog, run the lifespan. --
@app.put("/test/catalog", include_in_schema=False)
def set_catalog_answers(answers: dict[str, dict]):
    _stand_in.answers.update(answers)
    return {"paths": len(_stand_in.answers)}


@app.get("/test/catalog", include_in_schema=False)
def catalog_report():
    closed = [client.is_closed for client in _stand_in.clients]
    return {"clients": len(closed), "closed": closed, "seen": _stand_in.seen, "blocking": _stand_in.blocking}


@app.put("/test/override", include_in_schema=False)
def override_get_catalog(answer: dict):
    mock = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
    client = httpx.AsyncClient(base_url=CATALOG_URL, transport=mock)
    _stand_in.clients.remove(client)  # the test's own client, not one your app made
    app.dependency_overrides[get_catalog] = lambda: client
    return {"overridden": "get_catalog"}


@app.delete("/test/override", include_in_schema=False)
def remove_overrides():
    app.dependency_overrides.clear()
    return {"overridden": None}


@app.post("/test/lifespan", include_in_schema=False)
async def run_the_lifespan_once_more():
    before, saved = len(_stand_in.clients), dict(app.state._state)
    try:
        async with app.router.lifespan_context(app):
            made = _stand_in.clients[before:]
            open_inside = [not client.is_closed for client in made]
        return {"made": len(made), "open_inside": open_inside, "closed_after": [client.is_closed for client in made]}
    except Exception as error:  # reported as it is: your lifespan stopped with an error
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        app.state._state.clear()
        app.state._state.update(saved)
'''

CATALOG = "https://catalog.internal"
BOOK_FIELDS = {"isbn", "title", "price", "in_stock"}
MOST_SECONDS = 3.0


def fresh_isbn():
    return "978" + "".join(str(fresh_int(0, 9)) for _ in range(10))


def fresh_item(isbn=None):
    """What the catalog answers for one book: the fields the API needs and internal ones it must drop."""
    return {
        "isbn": isbn or fresh_isbn(),
        "title": fresh_title(3),
        "price_cents": fresh_int(199, 9999),
        "stock": fresh_int(0, 1) * fresh_int(1, 40),
        "supplier": fresh_word(),
        "cost_cents": fresh_int(50, 150),
    }


def book_from(item):
    return {"isbn": item["isbn"], "title": item["title"], "price": item["price_cents"] / 100, "in_stock": item["stock"] > 0}


def set_answers(client, answers):
    """Tells the catalog stand-in (given code) what to answer, through the given PUT /test/catalog."""
    response = client.put("/test/catalog", json=answers)
    expect(
        response.status == 200,
        "PUT /test/catalog (given: leave it as it is, at the end of the file) must answer 200: the checks use it "
        "to stand in for the catalog",
        expected="status 200",
        response=response,
    )


def report(client):
    response = client.get("/test/catalog")
    expect(response.status == 200, "GET /test/catalog (given: leave it as it is) must answer 200", expected="status 200",
           response=response)
    return expect_json(response)


def seen_for(client, isbn):
    return [entry for entry in report(client)["seen"] if entry["url"] == f"{CATALOG}/items/{isbn}"]


def check_book_is_reshaped(client):
    """GET /books/{isbn} asks the catalog and answers the book in your API's own shape"""
    items = [fresh_item(), fresh_item()]
    items[0]["stock"], items[1]["stock"] = fresh_int(1, 40), 0
    set_answers(client, {f"/items/{item['isbn']}": {"status": 200, "json": item} for item in items})
    for item in items:
        response = client.get(f"/books/{item['isbn']}")
        expect(
            response.status != 404 or seen_for(client, item["isbn"]),
            f"GET /books/{item['isbn']} answered 404 and the catalog got no request. Declare "
            "@app.get(\"/books/{isbn}\") and have it call the catalog at /items/{isbn}",
            expected=book_from(item),
            response=response,
        )
        expect(
            bool(seen_for(client, item["isbn"])),
            f"The catalog never got GET {CATALOG}/items/{item['isbn']}. Fetch the book with the shared client: "
            f"await catalog.get(f\"/items/{{isbn}}\") on a client made with base_url=CATALOG_URL",
            expected=f"a GET of {CATALOG}/items/{item['isbn']}",
            actual="no request to the catalog for this ISBN",
        )
        expect_status(response, 200)
        body = expect_json(response)
        leaked = sorted(set(body) - BOOK_FIELDS)
        expect(
            not leaked,
            f"The answer passes on the catalog's internal fields {', '.join(leaked)}. Answer through the Book response "
            "model (a -> Book return annotation or response_model=Book), which keeps only its own fields",
            expected=book_from(item),
            response=response,
        )
        expect(
            body == book_from(item),
            "The book must be reshaped: isbn and title as they come, price = price_cents / 100, in_stock = stock > 0",
            expected=book_from(item),
            response=response,
        )


def check_upstream_404_is_your_404(client):
    """A book the catalog does not have is your API's 404, without the catalog's own error body"""
    isbn, marker = fresh_isbn(), f"catalog-{fresh_word()}-{fresh_int()}"
    set_answers(client, {f"/items/{isbn}": {"status": 404, "json": {"error": "no such item", "trace_id": marker}}})
    response = client.get(f"/books/{isbn}")
    expect(
        response.status == 404,
        f"The catalog answered 404 for {isbn}, which means the book does not exist: answer 404 yourself "
        "(raise HTTPException(status_code=404, ...)). "
        + ("A 200 for a missing book is an error hidden from your clients" if response.status == 200
           else "A 5xx would tell your clients your service broke, and they would retry"),
        expected="status 404",
        response=response,
    )
    expect(
        marker not in response.text,
        "Your 404 repeats the catalog's own error body. Write your own detail: the catalog's errors are internal and "
        "may change or leak details",
        expected="a 404 with your own detail",
        response=response,
    )


def check_upstream_failures_are_502(client):
    """A catalog error, an answer that is not JSON, or no connection at all is a 502, with your own detail"""
    cases = []
    for status in (500, 503):
        marker = f"Traceback: password={fresh_word()}{fresh_int()}"
        cases.append((fresh_isbn(), {"status": status, "text": marker}, f"answered {status}", marker))
    marker = f"<html>{fresh_word()} maintenance {fresh_int()}</html>"
    cases.append((fresh_isbn(), {"status": 200, "text": marker}, "answered 200 with an HTML page instead of JSON", marker))
    cases.append((fresh_isbn(), {"raise": "ConnectError"}, "could not be reached (httpx.ConnectError)", None))
    set_answers(client, {f"/items/{isbn}": answer for isbn, answer, _, _ in cases})
    for isbn, _, what, marker in cases:
        response = client.get(f"/books/{isbn}")
        expect(
            response.status == 502,
            f"When the catalog {what}, GET /books/{isbn} must answer 502 Bad Gateway: the service you depend on failed, "
            "not your own code and not the client's request. "
            + {200: "A 200 hides the failure from your clients. ",
               500: "A 500 says your own code broke (an unhandled exception, or the catalog's status passed on). ",
               404: "A 404 would tell clients the book does not exist. ",
               504: "504 means the catalog was too slow; a failure to connect is a 502. "}.get(response.status, "")
            + "Catch httpx.RequestError around the call, check response.status_code, and catch the ValueError that "
            "reading a non-JSON body raises; raise HTTPException(status_code=502, ...) in each case",
            expected="status 502",
            response=response,
        )
        if marker:
            expect(
                marker not in response.text,
                f"Your 502 repeats what the catalog sent when it {what}. Its error pages can hold stack traces and "
                "internal names: answer your own short detail",
                expected="a 502 with your own detail",
                response=response,
            )


def check_upstream_timeout_is_504(client):
    """A catalog that does not answer in time is a 504 Gateway Timeout"""
    cases = [(fresh_isbn(), "ReadTimeout"), (fresh_isbn(), "ConnectTimeout")]
    set_answers(client, {f"/items/{isbn}": {"raise": error} for isbn, error in cases})
    for isbn, error in cases:
        response = client.get(f"/books/{isbn}")
        expect(
            response.status == 504,
            f"The call to the catalog raised httpx.{error}, so GET /books/{isbn} must answer 504 Gateway Timeout. "
            + ("You answered 502: catch httpx.TimeoutException before httpx.RequestError, since a timeout is a kind of "
               "RequestError and the first matching except wins" if response.status == 502
               else "Catch httpx.TimeoutException (the parent of every httpx timeout) around the call"),
            expected="status 504",
            response=response,
        )


def check_catalog_calls_have_a_short_timeout(client):
    """Every call to the catalog has a timeout of at most 3 s for each step"""
    item = fresh_item()
    set_answers(client, {f"/items/{item['isbn']}": {"status": 200, "json": item}})
    client.get(f"/books/{item['isbn']}")
    seen = report(client)["seen"]
    expect(bool(seen), "The catalog got no request at all: fetch /items/{isbn} with the shared client",
           expected="requests to the catalog", actual="none")
    for entry in seen:
        timeout = entry.get("timeout") or {}
        expect(
            all(timeout.get(step) is not None for step in ("connect", "read", "write", "pool")),
            f"A call to {entry['url']} ran without a time limit ({timeout}). With timeout=None a catalog that hangs "
            "holds your request, and your client, forever. Give the client a timeout: "
            "httpx.AsyncClient(..., timeout=httpx.Timeout(3.0))",
            expected=f"connect, read, write and pool timeouts of at most {MOST_SECONDS:g} s",
            actual=str(timeout),
        )
        expect(
            all(timeout[step] <= MOST_SECONDS for step in ("connect", "read", "write", "pool")),
            f"A call to {entry['url']} allowed {max(timeout.values()):g} s for one step ({timeout}). httpx's default is 5 s "
            "per step; your own clients give up after 5 s, so the catalog must get less, or they time out before you can "
            f"answer 504. Set timeout=httpx.Timeout({MOST_SECONDS:g}) (or less) on the client",
            expected=f"each step at most {MOST_SECONDS:g} s",
            actual=str(timeout),
        )


def check_one_shared_client(client):
    """The app makes one AsyncClient, reused by every request, and never calls the catalog with a blocking client"""
    items = [fresh_item() for _ in range(fresh_int(2, 4))]
    set_answers(client, {f"/items/{item['isbn']}": {"status": 200, "json": item} for item in items})
    before = report(client)
    for item in items:
        client.get(f"/books/{item['isbn']}")
    after = report(client)
    expect(
        after["blocking"] == 0,
        f"{after['blocking']} call(s) to the catalog went through a blocking client (httpx.Client or httpx.get). "
        "Inside async def a blocking call stops the event loop, so every other request waits for the catalog too (and "
        "in a plain def endpoint each waiting request holds a thread). Use the shared httpx.AsyncClient in an async def "
        "endpoint and await its get()",
        expected="no blocking calls",
        actual=f"{after['blocking']} blocking call(s)",
    )
    made = after["clients"] - before["clients"]
    expect(
        made == 0,
        f"{len(items)} requests to /books made {made} new httpx.AsyncClient(s). A client per request opens a new "
        "connection (and TLS handshake) every time and throws away the pool. Make one client in the lifespan and "
        "hand it to the endpoint with a dependency",
        expected="no new client per request",
        actual=f"{made} new client(s)",
    )
    expect(
        after["clients"] == 1,
        f"The app has made {after['clients']} httpx.AsyncClient(s) in all. Make exactly one, in the lifespan, and share it"
        if after["clients"] else
        "The app has made no httpx.AsyncClient. Make one in the lifespan: httpx.AsyncClient(base_url=CATALOG_URL, timeout=...)",
        expected="one client",
        actual=f"{after['clients']} client(s)",
    )
    expect(
        not any(after["closed"]),
        "The app's client is already closed while the app is running. Close it after the lifespan's yield, when the app "
        "stops, not before",
        expected="the client open while the app runs",
        actual="closed",
    )


def check_client_comes_from_get_catalog(client):
    """The endpoint gets its client through Depends(get_catalog), so a test can override it"""
    item = fresh_item()
    response = client.put("/test/override", json=item)
    expect(
        response.status == 200,
        "PUT /test/override (given) failed: it overrides get_catalog, so define the dependency "
        "def get_catalog(request: Request) -> httpx.AsyncClient that returns the shared client",
        expected="status 200",
        response=response,
    )
    try:
        answer = client.get(f"/books/{item['isbn']}")
    finally:
        client.delete("/test/override")
    used_shared = bool(seen_for(client, item["isbn"]))
    body = answer.json() if answer.status == 200 else None
    expect(
        not used_shared and body == book_from(item),
        f"After app.dependency_overrides[get_catalog] gave the endpoint a test client (on an httpx.MockTransport that "
        f"answers the book {item['isbn']}), GET /books/{item['isbn']} "
        + ("still called the catalog through another client" if used_shared else "did not answer that book")
        + ". Take the client as a parameter, catalog: Annotated[httpx.AsyncClient, Depends(get_catalog)], fetch with it, "
        "and do not reach for app.state or a global in the endpoint",
        expected=book_from(item),
        response=answer,
    )


GIVEN_NAMES = {"_StandIn", "_stand_in", "_make_client", "_counted_init", "_answer_async", "_answer_blocking",
               "set_catalog_answers", "catalog_report", "override_get_catalog", "remove_overrides",
               "run_the_lifespan_once_more"}
FORBIDDEN_CALLS = {"globals", "vars", "setattr", "delattr", "exec", "eval", "compile", "__import__"}
DUNDER_ESCAPES = {"__setattr__", "__delattr__", "__dict__", "__globals__", "__code__", "__builtins__",
                  "__subclasses__", "__closure__", "__getattribute__", "__bases__", "__base__", "__mro__",
                  "__self__", "__func__", "f_globals", "f_back", "f_locals", "f_builtins", "tb_frame", "gi_frame",
                  "cr_frame", "ag_frame"}
# Ways to answer for the given /test routes instead of them, or to change what they report: middleware, mounts,
# the route table, a replaced lifespan, a client whose closed state is made up.
APP_INTERNALS = {"middleware", "add_middleware", "user_middleware", "middleware_stack", "build_middleware_stack",
                 "mount", "routes", "add_route", "add_api_route", "add_websocket_route", "lifespan_context", "dependencies",
                 "is_closed", "_state", "attrgetter", "methodcaller"}
FORBIDDEN_MODULES = {"requests", "urllib", "urllib3", "aiohttp", "http", "socket", "gc", "inspect", "ctypes", "sys",
                     "importlib", "builtins"}
HARMLESS_IMPORTS = ("http.HTTPStatus", "urllib.parse")  # status names, quoting a path segment: no HTTP calls
ROUTE_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route", "websocket", "route"}


def _given_statements(text):
    return [ast.dump(node) for node in ast.parse(text).body]


def _find_run(body, wanted):
    dumps = [ast.dump(node) for node in body]
    for start in range(len(dumps) - len(wanted) + 1):
        if dumps[start:start + len(wanted)] == wanted:
            return start
    return None


def _path_problem(path):
    """Why a route path or prefix of yours could answer for the given /test routes, or None."""
    if not isinstance(path, ast.Constant) or not isinstance(path.value, str):
        return "is not a plain string"
    segments = path.value.strip("/").split("/")
    if segments[0] == "test":
        return "is under /test, which belongs to the given routes"
    if ":path" in path.value:
        return "matches any path"
    if segments[0].startswith("{") and len(segments) > 1:
        return "starts with a parameter, so it also matches /test/..."
    return None


def _route_paths(tree):
    """(line, path node, what) for every route path and router prefix your code registers."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "prefix":
                found.append((node.lineno, keyword.value, "router prefix"))
        func = node.func
        registers = isinstance(func, ast.Attribute) and func.attr in ROUTE_METHODS
        if registers and func.attr in {"get", "post", "put", "patch", "delete", "head", "options"}:
            # client.get(url) is a request, not a route: count it only when its result decorates or is called
            registers = False
        if registers:
            path = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "path"), None)
            found.append((node.lineno, path, "route path"))
    for node in ast.walk(tree):
        decorated = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            decorated = node.decorator_list
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Call):
            decorated = [node.func]  # router.get("/x")(function)
        for decorator in decorated:
            if (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                    and decorator.func.attr in {"get", "post", "put", "patch", "delete", "head", "options"}):
                path = decorator.args[0] if decorator.args else next(
                    (k.value for k in decorator.keywords if k.arg == "path"), None)
                found.append((decorator.lineno, path, "route path"))
    return found


def check_code_calls_the_catalog_the_async_way(client):
    """The given code is unchanged, and your code uses only httpx's AsyncClient to reach the catalog"""
    tree = syntax_tree()
    head, tail = _given_statements(GIVEN_HEAD), _given_statements(GIVEN_TAIL)
    start, end = _find_run(tree.body, head), _find_run(tree.body, tail)
    expect(
        start is not None and end is not None,
        "The given code (the catalog stand-in at the top, the /test routes at the end) has been changed. Put it back as "
        "the starter has it: the checks rely on it",
        expected="the given blocks unchanged",
    )
    before = tree.body[:start]
    expect(
        all(isinstance(node, (ast.Import, ast.ImportFrom)) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
            for node in before),
        "Only imports may come before the given block at the top of the file: write your code below it",
        expected="imports, then the given block",
    )
    expect(
        end + len(tail) == len(tree.body),
        f"Line {tree.body[min(end + len(tail), len(tree.body) - 1)].lineno}: the given /test routes must stay at the end "
        "of the file. Move your code above them",
        expected="the given /test routes last",
    )
    given = {id(node) for node in tree.body[start:start + len(head)] + tree.body[end:end + len(tail)]}
    yours = [node for node in tree.body if id(node) not in given]
    own = ast.Module(body=yours, type_ignores=[])
    modules = sorted({name.split(".")[0] for name in imported_names(own)
                      if name.split(".")[0] in FORBIDDEN_MODULES and name not in ("http", "urllib")
                      and not name.startswith(HARMLESS_IMPORTS)})
    expect(
        not modules,
        f"Your code imports {', '.join(modules)}. "
        + ("requests and urllib.request are blocking: inside async def they stop the event loop while they wait. "
           if "requests" in modules or "urllib" in modules else "")
        + "Reach the catalog with the shared httpx.AsyncClient only",
        expected="httpx for HTTP calls",
        actual=", ".join(modules),
    )
    for line, path, what in _route_paths(own):
        problem = _path_problem(path)
        expect(
            problem is None,
            f"Line {line}: this {what} {problem}. Give your routes their own plain paths, such as \"/books/{{isbn}}\", and "
            "leave /test/... to the given routes",
            expected="plain paths outside /test",
        )
    blocking_calls = {"httpx.Client", "httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete",
                      "httpx.request", "httpx.stream", "httpx.head", "httpx.HTTPTransport"}
    origins = import_origins()
    tricks = "Write plain code: an AsyncClient in the lifespan, a dependency, an endpoint"
    own_functions = {node.name for node in ast.walk(own) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    plain_getattr = set()
    for inner in ast.walk(own):
        if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "getattr"
                and len(inner.args) >= 2 and isinstance(inner.args[1], ast.Constant) and isinstance(inner.args[1].value, str)
                and not inner.args[1].value.startswith("__") and inner.args[1].value not in DUNDER_ESCAPES | APP_INTERNALS):
            plain_getattr.add(id(inner.func))
    for node in yours:
        for inner in ast.walk(node):
            line = getattr(inner, "lineno", "?")
            named = (inner.id if isinstance(inner, ast.Name) else inner.attr if isinstance(inner, ast.Attribute)
                     else inner.name.split(".")[-1] if isinstance(inner, ast.alias)
                     else inner.value if isinstance(inner, ast.Constant) and isinstance(inner.value, str) else None)
            if named in GIVEN_NAMES or (isinstance(inner, (ast.Import, ast.ImportFrom)) and any(
                    part in ("main", "__main__") for part in ([inner.module or ""] if isinstance(inner, ast.ImportFrom) else [])
                    + [alias.name for alias in inner.names])):
                expect(False, f"Line {line}: your code reaches into the given catalog stand-in ({named or 'main'}). Leave it "
                       "to the checks: your code talks to the catalog only through an httpx.AsyncClient",
                       expected="no use of the stand-in")
            if named in DUNDER_ESCAPES and not isinstance(inner, ast.Name):
                expect(False, f"Line {line}: {named} is not needed here. {tricks}", expected="no dynamic tricks")
            if isinstance(inner, ast.Name) and inner.id == "getattr" and id(inner) not in plain_getattr:
                expect(False, f"Line {line}: getattr() with a computed or special name is not needed here. {tricks}",
                       expected="no dynamic tricks")
            if isinstance(inner, ast.Call) and dotted_name(inner.func) in FORBIDDEN_CALLS:
                expect(False, f"Line {line}: {dotted_name(inner.func)}() is not needed here. {tricks}",
                       expected="no dynamic tricks")
            if (isinstance(inner, ast.Attribute) and inner.attr in APP_INTERNALS) or (
                    isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)) and inner.name == "is_closed") or (
                    isinstance(inner, ast.Name) and inner.id in {"attrgetter", "methodcaller"}) or (
                    isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "host") or (
                    isinstance(inner, ast.keyword) and inner.arg in {"middleware", "routes"}):
                what = (inner.attr if isinstance(inner, ast.Attribute) else inner.func.attr if isinstance(inner, ast.Call)
                        else getattr(inner, "name", None) or getattr(inner, "id", None) or f"{inner.arg}=")
                expect(False, f"Line {line}: your code uses {what}, which could answer for the given /test routes or change "
                       f"what they report. This exercise needs none of it (no middleware, mounts, route tables or app-wide "
                       f"dependencies). {tricks}",
                       expected="only your own routes, dependency and lifespan")
            if isinstance(inner, ast.Call) and last_name(inner.func) == "FastAPI" and any(
                    keyword.arg in ("dependencies", None) for keyword in inner.keywords):
                expect(False, f"Line {line}: FastAPI(dependencies=...) (or **options) runs for the given /test routes "
                       "too. Name FastAPI's arguments one by one, and put dependencies on your endpoint",
                       expected="dependencies on your endpoint")
            if isinstance(inner, ast.ClassDef):
                bases = [import_origins().get(dotted_name(base).partition(".")[0], "") for base in inner.bases]
                expect(not any(base.startswith(("fastapi", "starlette")) for base in bases),
                       f"Line {line}: class {inner.name} subclasses a FastAPI class. Use FastAPI and APIRouter as they are",
                       expected="FastAPI as it is")
            target = dotted_name(inner) if isinstance(inner, ast.Attribute) else ""
            first, _, rest = target.partition(".")
            patched = (isinstance(inner, ast.Attribute) and isinstance(inner.ctx, (ast.Store, ast.Del))
                       and (first in origins or first == "type" or "__" in target))
            if isinstance(inner, ast.Assign) and any(isinstance(each, ast.Attribute) for each in inner.targets):
                value = inner.value
                patched = patched or isinstance(value, ast.Lambda) or (isinstance(value, ast.Name) and value.id in own_functions)
                target = target or next(dotted_name(each) for each in inner.targets if isinstance(each, ast.Attribute))
            if patched:
                expect(False, f"Line {line}: your code changes {target or 'a class or module'} by assigning to it. "
                       "Use httpx, FastAPI and the other libraries as they are",
                       expected="libraries unchanged")
            if isinstance(inner, ast.Call) and dotted_name(inner.func) in blocking_calls:
                name = dotted_name(inner.func)
                expect(False, f"Line {line}: {name}() is httpx's blocking API. Inside async def it stops the event loop while "
                       "the catalog answers, so every other request waits. Await the shared httpx.AsyncClient instead",
                       expected="await catalog.get(...)", actual=f"{name}(...)")


def check_lifespan_opens_and_closes_the_client(client):
    """The lifespan makes the client when the app starts and closes it when the app stops"""
    response = client.post("/test/lifespan")
    expect(response.status == 200, "POST /test/lifespan (given) failed: it runs the app's lifespan once more, as a test "
           "does with `with TestClient(app):`", expected="status 200", response=response)
    ran = expect_json(response)
    expect(
        "error" not in ran,
        f"Running the app's lifespan once more stopped with an error: {ran.get('error')}. Make the client before the "
        "yield and close it after, with nothing that can fail in between",
        expected="the lifespan runs to its end",
        actual=str(ran.get("error")),
    )
    expect(
        ran["made"] == 1,
        ("Running the app's lifespan made no httpx.AsyncClient. Make the client inside the lifespan, before its yield, "
         "and pass the lifespan to FastAPI(lifespan=...): a client made at import or on the first request is never "
         "closed, and a test cannot start a fresh one")
        if ran["made"] == 0 else
        f"Running the app's lifespan made {ran['made']} clients: make exactly one",
        expected="one client made by the lifespan",
        actual=f"{ran['made']} client(s)",
    )
    expect(all(ran["open_inside"]), "The lifespan's client is closed before the app has served anything. Close it after "
           "the yield", expected="open until the app stops", actual="closed already")
    expect(
        all(ran["closed_after"]),
        "When the lifespan ended (the app stopping), its client was still open: its connections are never closed. After "
        "the yield, await client.aclose(), or make the client with async with httpx.AsyncClient(...) as client: around "
        "the yield",
        expected="the client closed when the app stops",
        actual="still open",
    )
