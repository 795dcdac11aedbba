"""The check API: how an exercise's checks.py talks to the learner's running app.

Checks are functions named check_* that take one argument, a Client, and make HTTP requests to the
learner's app with it. The same checks run in two places:

- on the server, in a sandbox of their own that talks HTTP to the learner's app through a Unix socket
  (the learner's code runs in another sandbox and never sees the checks);
- in the browser's Pyodide worker, in-process, for practice runs only.

Only the transport differs. Standard library only, so it runs in CPython and in Pyodide.

    from crossroads_checks import expect, expect_json, expect_status, fresh_title

    def check_create_returns_201(client):
        '''POST /api/tasks creates a task with 201'''
        title = fresh_title()
        response = client.post("/api/tasks", json={"title": title})
        expect_status(response, 201)
        task = expect_json(response)
        expect(task.get("title") == title, "the new task has the title that was sent", expected=title, actual=task)

A failed check reports the last request the client made, what was expected and what came back.
"""

import ast
import functools
import importlib.util
import json as jsonlib
import os
import random
import re
import string
import urllib.parse

MAX_BODY = 2_000_000
SHOWN_BODY = 1_500
# The learner's main.py as submitted, written beside checks.py as text (not a module, so nothing
# imports or runs it here): checks read facts about HOW the code is written from it.
SUBMITTED_SOURCE = "submitted_main.txt"


class CheckFailed(AssertionError):
    """A check's condition was not met. Carries what was expected and what came back."""

    def __init__(self, message, expected=None, actual=None):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.actual = actual


class Headers:
    """Case-insensitive response headers that keep repeated ones (Set-Cookie)."""

    def __init__(self, pairs):
        self.pairs = [(str(k), str(v)) for k, v in pairs]

    def get(self, name, default=None):
        values = self.get_all(name)
        return values[0] if values else default

    def get_all(self, name):
        wanted = name.lower()
        return [v for k, v in self.pairs if k.lower() == wanted]

    def __contains__(self, name):
        return bool(self.get_all(name))

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def items(self):
        return list(self.pairs)

    def __repr__(self):
        return repr(dict(self.pairs))


class Response:
    def __init__(self, request, status, headers, body):
        self.request = request
        self.status = status
        self.headers = Headers(headers)
        self.body = body

    @property
    def status_code(self):
        return self.status

    @property
    def content(self):
        return self.body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("Location")

    def json(self):
        """The body as JSON; a CheckFailed (not a crash) when it is not JSON."""
        try:
            return jsonlib.loads(self.text)
        except ValueError:
            raise CheckFailed(
                f"Expected a JSON body from {self.request}, but it is not valid JSON",
                expected="a JSON body",
                actual=self.summary(),
            ) from None

    def summary(self):
        body = self.text
        if len(body) > SHOWN_BODY:
            body = body[:SHOWN_BODY] + f"... ({len(self.body)} bytes)"
        content_type = self.headers.get("Content-Type", "")
        head = f"{self.status}" + (f" ({content_type})" if content_type else "")
        location = self.headers.get("Location")
        if location:
            head += f" Location: {location}"
        return head + (f"\n{body}" if body else "")


class Request:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    def __str__(self):
        text = f"{self.method} {self.path}"
        if self.body:
            shown = self.body.decode("utf-8", errors="replace")
            if len(shown) > 300:
                shown = shown[:300] + "..."
            text += f" with body {shown}"
        return text


class Client:
    """An HTTP client for one visitor of the learner's app: it keeps that visitor's cookies.

    Every check gets a new Client; the app keeps its state between checks, so a check creates the
    data it needs and never assumes ids or counts left by another check.
    """

    def __init__(self, transport):
        self._transport = transport
        self.cookies = {}
        self.last = None  # (Request, Response or None): shown when a check fails

    def request(self, method, path, *, json=None, data=None, headers=None, follow_redirects=False):
        """Sends one request. json= sends a JSON body, data= a form (dict) or raw text/bytes."""
        sent_headers = {k.title(): str(v) for k, v in (headers or {}).items()}
        body = b""
        if json is not None:
            body = jsonlib.dumps(json).encode()
            sent_headers.setdefault("Content-Type", "application/json")
        elif isinstance(data, dict):
            body = urllib.parse.urlencode(data, doseq=True).encode()
            sent_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif data is not None:
            body = data.encode() if isinstance(data, str) else bytes(data)
        if self.cookies and "Cookie" not in sent_headers:
            sent_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = Request(method.upper(), path, sent_headers, body)
        self.last = (request, None)
        status, response_headers, response_body = self._transport.send(request)
        response = Response(request, status, response_headers, response_body[:MAX_BODY])
        self.last = (request, response)
        self._store_cookies(response)
        if follow_redirects and status in (301, 302, 303, 307, 308) and response.location:
            target = urllib.parse.urlsplit(response.location)
            next_path = target.path + (f"?{target.query}" if target.query else "")
            next_method = method if status in (307, 308) else "GET"
            return self.request(next_method, next_path, headers=headers, follow_redirects=True)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def head(self, path, **kwargs):
        return self.request("HEAD", path, **kwargs)

    def options(self, path, **kwargs):
        return self.request("OPTIONS", path, **kwargs)

    def _store_cookies(self, response):
        for header in response.headers.get_all("Set-Cookie"):
            first, _, attributes = header.partition(";")
            name, _, value = first.partition("=")
            name = name.strip()
            attrs = attributes.lower().replace(" ", "")
            expired = "max-age=0" in attrs or "expires=thu,01jan1970" in attrs or "expires=thu,01-jan-1970" in attrs
            if expired or value.strip('"') == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value.strip()


# ---- Assertions: each names what was expected and shows what came back --------------------------


def expect(condition, message, *, expected=None, actual=None, response=None):
    """Fails the check with message unless condition holds."""
    if not condition:
        if actual is None and response is not None:
            actual = response.summary()
        raise CheckFailed(message, expected=expected, actual=actual)


def expect_status(response, *codes):
    wanted = " or ".join(str(code) for code in codes)
    expect(
        response.status in codes,
        f"Expected status {wanted} from {response.request}, got {response.status}",
        expected=f"status {wanted}",
        response=response,
    )
    return response


def expect_json(response, expected=None, *, kind=dict):
    """The response's JSON body (of the given type); equal to expected when that is given."""
    body = response.json()
    if kind is not None:
        expect(
            isinstance(body, kind),
            f"Expected a JSON {'object' if kind is dict else kind.__name__} from {response.request}",
            expected=f"a JSON {'object' if kind is dict else kind.__name__}",
            response=response,
        )
    if expected is not None:
        expect(body == expected, f"The JSON from {response.request} is not what was expected", expected=expected, response=response)
    return body


def expect_text(response, *fragments, ignore_space=True):
    """Each fragment appears in the body (comparing with runs of whitespace collapsed)."""
    body = " ".join(response.text.split()) if ignore_space else response.text
    for fragment in fragments:
        wanted = " ".join(fragment.split()) if ignore_space else fragment
        expect(wanted in body, f"Expected the page from {response.request} to contain {fragment!r}", expected=fragment, response=response)
    return response.text


def expect_no_text(response, *fragments):
    for fragment in fragments:
        expect(fragment not in response.text, f"The page from {response.request} must not contain {fragment!r}", response=response)


def expect_header(response, name, expected=None):
    value = response.headers.get(name)
    expect(value is not None, f"Expected a {name} header from {response.request}", expected=f"{name}: {expected or '...'}", response=response)
    if expected is not None:
        expect(value == expected, f"The {name} header from {response.request} is {value!r}", expected=f"{name}: {expected}", response=response)
    return value


def strip_space(text):
    """Text with runs of whitespace collapsed, for comparing HTML that may be indented differently."""
    return " ".join(text.split())


# ---- Data made fresh for every run, so a solution cannot hard-code the answers ------------------

_random = random.SystemRandom()
_WORDS = (
    "amber basil cedar delta ember fjord garnet harbor indigo juniper kestrel lagoon meadow nimbus "
    "orchid pepper quartz raven saffron tundra umber velvet willow xenon yarrow zephyr"
).split()


def fresh_word():
    return _random.choice(_WORDS) + "".join(_random.choice(string.ascii_lowercase) for _ in range(3))


def fresh_title(words=2):
    return " ".join(fresh_word().capitalize() for _ in range(words))


def fresh_int(low=2, high=9999):
    return _random.randint(low, high)


def fresh_email():
    return f"{fresh_word()}@example.com"


def shuffled(items):
    items = list(items)
    _random.shuffle(items)
    return items


# ---- The submitted source: facts HTTP cannot show, read without running the learner's code -------
#
# On the server these run in the checks' sandbox, which the learner's code never reaches, so what
# they report cannot be forged by the running app. They see the code as written: pair them with
# behavioural checks, since dead code can satisfy a rule about how something is written.


@functools.cache
def source():
    """The learner's main.py as Python reads it when importing it (text).

    Decoded the way import decodes it, honouring a `# coding:` line: read as plain UTF-8, a file declaring
    another encoding (utf-7) could hide code from these rules that the import then runs.
    """
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), SUBMITTED_SOURCE), "rb") as handle:
        data = handle.read()
    try:
        return importlib.util.decode_source(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise CheckFailed(f"Your code could not be read: {exc}") from None


@functools.cache
def syntax_tree():
    """The learner's main.py parsed with ast (a CheckFailed if it does not parse)."""
    try:
        return ast.parse(source())
    except SyntaxError as exc:
        raise CheckFailed(f"Your code could not be read: {exc.msg} on line {exc.lineno}") from None


def dotted_name(node):
    """'a.b.c' for a Name/Attribute chain (and for a call of one: the callee's name); '' otherwise."""
    if isinstance(node, ast.Call):
        return dotted_name(node.func)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def find_definitions(kind=(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef), tree=None):
    """Every function or class definition (kind narrows it) anywhere in the source, in order."""
    return [node for node in ast.walk(tree or syntax_tree()) if isinstance(node, kind)]


def find_definition(name, kind=(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
    """The first function or class definition called name, or None."""
    return next((node for node in find_definitions(kind) if node.name == name), None)


def decorator_names(definition):
    """The dotted names of a definition's decorators (a call's callee: '@app.get("/")' gives 'app.get')."""
    return [dotted_name(decorator) for decorator in definition.decorator_list]


def base_names(class_definition):
    return [dotted_name(base) for base in class_definition.bases]


def find_calls(name_suffix, tree=None):
    """Every call whose callee's dotted name is name_suffix or ends with '.' + name_suffix."""
    found = []
    for node in ast.walk(tree or syntax_tree()):
        if isinstance(node, ast.Call):
            callee = dotted_name(node.func)
            if callee == name_suffix or callee.endswith("." + name_suffix):
                found.append(node)
    return found


def keyword_argument(call, name):
    """The value node of call's keyword argument name, or None."""
    return next((keyword.value for keyword in call.keywords if keyword.arg == name), None)


def imported_names(tree=None):
    """Every module or name the source imports, as written ('flask', 'flask.Blueprint', ...)."""
    names = set()
    for node in ast.walk(tree or syntax_tree()):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


# ---- FastAPI: where an endpoint's parameters come from (Depends / Security), read from the source ----


def import_origins():
    """Local name -> what it stands for: `from fastapi import Depends as D` gives {'D': 'fastapi.Depends'}."""
    names = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def last_name(node):
    """The last part of what node names once imports are followed: 'Depends' for D, fastapi.Depends, ..."""
    name = dotted_name(node)
    first, _, rest = name.partition(".")
    origin = import_origins().get(first)
    full = origin + ("." + rest if rest else "") if origin else name
    return full.split(".")[-1]


def module_functions():
    return {node.name: node for node in syntax_tree().body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def aliases():
    """Module-level names bound to a type expression: CurrentUser = Annotated[dict, Depends(...)]."""
    found = {}
    for node in syntax_tree().body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found[node.target.id] = node.value
        elif hasattr(ast, "TypeAlias") and isinstance(node, ast.TypeAlias):
            found[node.name.id] = node.value
    return found


def parameters(function):
    """(name, [annotation and default expressions, aliases expanded]) for every parameter."""
    args = function.args
    positional = args.posonlyargs + args.args
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(args.defaults):], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    known = aliases()
    found = []
    for arg in positional + args.kwonlyargs:
        parts = [part for part in (arg.annotation, defaults.get(arg.arg)) if part is not None]
        # Aliases are followed through aliases (UserDep = Depends(f); CurrentUser = Annotated[dict, UserDep]),
        # each alias once and at most 8 levels deep.
        expanded, pending, followed = [], [(part, 0) for part in parts], set()
        while pending:
            part, depth = pending.pop(0)
            expanded.append(part)
            for node in ast.walk(part):
                if isinstance(node, ast.Name) and node.id in known and node.id not in followed and depth < 8:
                    followed.add(node.id)
                    pending.append((known[node.id], depth + 1))
        found.append((arg.arg, expanded))
    return found


def dependencies_of(expressions):
    """Names of the functions given to Depends(...) / Security(...) in the expressions."""
    names = []
    for expression in expressions:
        for node in ast.walk(expression):
            if isinstance(node, ast.Call) and last_name(node.func) in ("Depends", "Security"):
                target = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "dependency"), None)
                if isinstance(target, ast.Name):
                    names.append(target.id)
    return names


def dependency_callables():
    """Name -> the function FastAPI calls for Depends(name): a module-level function, or for a module-level
    class (Depends(NoteRepository)) its __init__, whose parameters FastAPI fills in the same way."""
    found = dict(module_functions())
    for node in syntax_tree().body:
        if isinstance(node, ast.ClassDef):
            init = next((item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"), None)
            if init is not None:
                found[node.name] = init
    return found


def depends_on(function, wanted, seen=()):
    """The parameters of function that get their value from wanted (directly or through other dependencies,
    functions or classes)."""
    functions = dependency_callables()
    found = []
    for name, expressions in parameters(function):
        for dependency in dependencies_of(expressions):
            if dependency == wanted or (dependency in functions and dependency not in seen and depends_on(functions[dependency], wanted, (*seen, dependency))):
                found.append(name)
    return found


def endpoints(path):
    """Functions served at path: @app.get(path), @router.get(path="...") on an APIRouter(prefix=...)
    included with app.include_router(router, prefix=...), and app.add_api_route(path, function).
    Path parameters match whatever their name ("/notes/{id}" is "/notes/{note_id}")."""
    wanted = _route_shape(path)
    prefixes = _mount_prefixes()
    functions = module_functions()
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute):
                    route = _route_path(decorator)
                    owner = dotted_name(decorator.func.value)
                    if route is not None and any(_route_shape(prefix + route) == wanted for prefix in prefixes.get(owner, {""})):
                        found.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_api_route":
            route = _route_path(node)
            target = node.args[1] if len(node.args) > 1 else keyword_argument(node, "endpoint")
            owner = dotted_name(node.func.value)
            if route is not None and isinstance(target, ast.Name) and target.id in functions:
                if any(_route_shape(prefix + route) == wanted for prefix in prefixes.get(owner, {""})):
                    found.append(functions[target.id])
    return found


# ---- FastAPI: routers and their prefixes; whether an endpoint uses what a dependency gives it ------


def _route_path(call):
    """The path a route decorator or add_api_route call gives, positionally or as path=; None if not a constant."""
    node = call.args[0] if call.args else keyword_argument(call, "path")
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _route_shape(path):
    """A path with each {parameter} (and {parameter:converter}) reduced to {}."""
    import re

    return re.sub(r"\{[^}]*\}", "{}", path)


def _mount_prefixes():
    """Router name -> the prefixes its routes are served under: APIRouter(prefix=...) plus the prefix= of each
    include_router() that mounts it (through the routers that include it). Names that are not routers: {""}."""
    own = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and last_name(node.value.func) == "APIRouter":
            prefix = keyword_argument(node.value, "prefix")
            for target in node.targets:
                if isinstance(target, ast.Name):
                    own[target.id] = prefix.value if isinstance(prefix, ast.Constant) and isinstance(prefix.value, str) else ""
    includes = {}  # router -> [(parent, include prefix)]
    for call in find_calls("include_router"):
        router = call.args[0] if call.args else keyword_argument(call, "router")
        prefix = keyword_argument(call, "prefix")
        if isinstance(router, ast.Name) and isinstance(call.func, ast.Attribute):
            text = prefix.value if isinstance(prefix, ast.Constant) and isinstance(prefix.value, str) else ""
            includes.setdefault(router.id, []).append((dotted_name(call.func.value), text))

    def prefixes(name, seen):
        if name not in own:
            return {""}
        mounts = [(parent, text) for parent, text in includes.get(name, []) if parent not in seen]
        if not mounts:
            return {own[name]}
        return {outer + text + own[name] for parent, text in mounts for outer in prefixes(parent, (*seen, name))}

    return {name: prefixes(name, ()) for name in own}


def reads_name(function, name):
    """Whether function's body reads the parameter name (before any statement rebinds it)."""
    loads = [node for node in ast.walk(ast.Module(body=function.body, type_ignores=[])) if isinstance(node, ast.Name) and node.id == name]
    first_read = min((node.lineno for node in loads if isinstance(node.ctx, ast.Load)), default=None)
    first_store = min((node.lineno for node in loads if not isinstance(node.ctx, ast.Load)), default=None)
    return first_read is not None and (first_store is None or first_read <= first_store)


def _class_uses(init, name):
    """Whether a dependency class uses its __init__ parameter name: read in __init__ other than by being kept
    as self.<attr> = name, or kept so and that self.<attr> read in another method of the class."""
    owner = next((node for node in syntax_tree().body if isinstance(node, ast.ClassDef) and init in node.body), None)
    if owner is None or not init.args.args:
        return reads_name(init, name)
    if not reads_name(init, name):
        return False
    me = init.args.args[0].arg
    body = list(ast.walk(ast.Module(body=init.body, type_ignores=[])))
    keeps = [node for node in body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id == name]
    kept = {t.attr for node in keeps for t in node.targets if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == me}
    reads = sum(1 for node in body if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load))
    if reads > len(keeps):
        return True
    for method in owner.body:
        if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and method is not init and method.args.args:
            this = method.args.args[0].arg
            if any(isinstance(node, ast.Attribute) and node.attr in kept and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name) and node.value.id == this for node in ast.walk(method)):
                return True
    return False


def uses_dependency(function, wanted, seen=()):
    """The parameters of function that get their value from Depends(wanted) (directly or through other
    dependencies, functions or classes) and that the body reads: a declared but unused dependency gives nothing
    here. A class dependency's parameter counts when the class uses it (_class_uses)."""
    functions = dependency_callables()
    found = []
    is_init = function.name == "__init__" and function not in module_functions().values()
    for name, expressions in parameters(function):
        if not (_class_uses(function, name) if is_init else reads_name(function, name)):
            continue
        for dependency in dependencies_of(expressions):
            if dependency == wanted or (dependency in functions and dependency not in seen and uses_dependency(functions[dependency], wanted, (*seen, dependency))):
                found.append(name)
    return found


# ---- Django: which view urlpatterns routes a URL to, read from the source (nothing is imported) ------

_DJANGO_CONVERTERS = {"int": "[0-9]+", "str": "[^/]+", "slug": "[-a-zA-Z0-9_]+", "path": ".+",
                      "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"}


def _django_route_regex(route):
    """A path() route as the regex Django makes of it (anchored at the start)."""
    parts, last = ["^"], 0
    for match in re.finditer(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>", route):
        parts.append(re.escape(route[last:match.start()]))
        parts.append("(?:%s)" % _DJANGO_CONVERTERS.get(match.group("converter") or "str", "[^/]+"))
        last = match.end()
    return "".join(parts) + re.escape(route[last:])


def _django_url_list(node, depth=0, own=None):
    """The entries of a URL list expression: [...], (...), a + b, [*a, ...], or a module-level name holding one.
    own: (name, entries so far) while that name's own statements are read (urlpatterns = urlpatterns + [...])."""
    if depth > 8:
        return []
    if isinstance(node, (ast.List, ast.Tuple)):
        entries = []
        for element in node.elts:
            entries += _django_url_list(element.value, depth + 1, own) if isinstance(element, ast.Starred) else [element]
        return entries
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _django_url_list(node.left, depth + 1, own) + _django_url_list(node.right, depth + 1, own)
    if isinstance(node, ast.Name):
        if own and node.id == own[0]:
            return list(own[1])
        return _django_module_list(node.id, depth + 1)
    return []


def _django_module_list(name, depth=0):
    """The URL entries module-level code puts in name: name = [...], name += [...], name.append(...) / .extend(...)."""
    entries = []
    for statement in syntax_tree().body:
        value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)) else None
        targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and value is not None and any(isinstance(t, ast.Name) and t.id == name for t in targets):
            entries = _django_url_list(value, depth, (name, entries))
        elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name) and statement.target.id == name:
            entries = entries + _django_url_list(value, depth, (name, entries))
        elif isinstance(statement, ast.Expr) and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and dotted_name(value.func.value) == name:
            if value.func.attr == "append" and value.args:
                entries = entries + [value.args[0]]
            elif value.func.attr == "extend" and value.args:
                entries = entries + _django_url_list(value.args[0], depth, (name, entries))
    return entries


def _django_included(view, depth):
    """The entries of include([...]) / include((entries, "app")) / include(name); None when view is not an include()."""
    if not (isinstance(view, ast.Call) and last_name(view.func) == "include"):
        return None
    target = view.args[0] if view.args else keyword_argument(view, "arg")
    if isinstance(target, ast.Tuple) and len(target.elts) in (2, 3) and isinstance(target.elts[1], ast.Constant):
        target = target.elts[0]
    return _django_url_list(target, depth + 1) if target is not None else []


def _django_resolve(rest, entries, depth):
    for entry in entries if depth < 8 else []:
        kind = last_name(entry.func) if isinstance(entry, ast.Call) else ""
        if kind not in ("path", "re_path"):
            continue
        route = entry.args[0] if entry.args else keyword_argument(entry, "route")
        view = entry.args[1] if len(entry.args) > 1 else keyword_argument(entry, "view")
        if not (isinstance(route, ast.Constant) and isinstance(route.value, str)) or view is None:
            continue
        try:
            regex = re.compile(route.value if kind == "re_path" else _django_route_regex(route.value))
        except re.error:
            continue
        included = _django_included(view, depth)
        if included is not None:
            match = regex.search(rest)
            found = _django_resolve(rest[match.end():], included, depth + 1) if match else None
            if found is not None:
                return found
        elif (regex.fullmatch(rest) if kind == "path" or route.value.endswith("$") else regex.search(rest)):
            return view
    return None


def django_view_for(url):
    """The view expression that the module's urlpatterns route url ("/books/12/") to, or None.

    Entries are tried in order as Django tries them, following include([...]) and lists held in
    module-level names; path() converters (<int:pk>, <slug:...>) and re_path() regexes are honoured.
    Only the source is read: an include("some.module") or a route built at run time is not followed.
    """
    return _django_resolve(url.lstrip("/"), _django_module_list("urlpatterns"), 0)


def _module_definitions():
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


def django_view_code(url, hooks):
    """(the view's name, [the code that serves url]): the view urlpatterns routes url to, and what it uses
    in this file: functions it calls, module-level values, classes it names (their attributes, the methods
    called on them, the `hooks` Django calls without the code naming them; every method of a view class
    routed with .as_view(), and its base classes). None if no route."""
    view = django_view_for(url)
    if view is None:
        return None
    definitions = _module_definitions()
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
                        and (whole or method.name in called or method.name in hooks)):
                    todo.append(method)
    for definition, whole in classes:  # a routed view class brings its own base classes whole
        if whole:
            for base in definition.bases:
                for other in definitions.get(dotted_name(base), []):
                    if isinstance(other, ast.ClassDef) and other not in reached:
                        reached.extend(ast.iter_child_nodes(other))
    name = dotted_name(view.func.value) if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) else dotted_name(view)
    return name or "your view", reached


# ---- Requests sent at the same moment: does the app serve them concurrently? ---------------------


def send_together(client, method, paths, **kwargs):
    """Sends one request per path at the same moment, each on its own connection, and waits for all answers.

    Returns (the responses, in the order of paths; seconds from the first send to the last answer). Each
    response also has .seconds, its own time. Every request carries the client's cookies; client.last is the
    slowest one, for a failure message. On the server each request gets a thread of its own. Where threads
    cannot start (Pyodide, in the browser), the requests go one after another, so there the time says nothing
    about concurrency: timing checks belong to engine: server exercises.
    """
    import threading
    import time

    outcomes = [None] * len(paths)
    barrier = threading.Barrier(len(paths), timeout=5)

    def send(index, together):
        visitor = Client(client._transport)
        visitor.cookies = dict(client.cookies)
        if together:
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass  # a thread could not start: this request goes now anyway
        started = time.monotonic()
        try:
            response, error = visitor.request(method, paths[index], **kwargs), None
        except Exception as exc:  # noqa: BLE001 - re-raised below, in the check's own thread
            response, error = None, exc
        outcomes[index] = (started, time.monotonic(), visitor, response, error)

    threads = []
    for index in range(len(paths)):
        thread = threading.Thread(target=send, args=(index, True), daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no threads here (Pyodide): the rest go one after another
            barrier.abort()
            break
        threads.append(thread)
    for thread in threads:
        thread.join()
    for index in range(len(threads), len(paths)):
        send(index, False)
    for _, _, _, _, error in outcomes:
        if error is not None:
            raise error
    slowest = max(outcomes, key=lambda outcome: outcome[1] - outcome[0])
    client.last = slowest[2].last
    responses = []
    for started, ended, _, response, _ in outcomes:
        response.seconds = ended - started
        responses.append(response)
    return responses, max(outcome[1] for outcome in outcomes) - min(outcome[0] for outcome in outcomes)
