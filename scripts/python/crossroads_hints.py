"""Framework-aware hints: common Flask, Django and FastAPI mistakes, found in the learner's source with ast.

Pure: hints_for(source, framework=None) -> [{"rule", "line", "message"}], reading only the text it is
given (it never imports or runs the learner's code). run_checks.py calls it when a run does not pass,
in both engines, and the result panel shows the hints above the checks.

Every rule names the mistake in plain words, says where it is and what to write instead. Rules are
written to stay quiet on correct code: the unit tests run all of them over every reference solution
and alternative of the course and expect no hint (tests/unit/python/test_crossroads_hints.py).
"""

import ast
import re

MAX_HINTS = 5
MAX_MESSAGE = 500

HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "options"}
DJANGO_VIEW_DECORATORS = {
    "require_POST", "require_GET", "require_safe", "require_http_methods", "login_required", "permission_required",
    "user_passes_test", "csrf_exempt", "csrf_protect", "ensure_csrf_cookie", "never_cache", "cache_page",
    "vary_on_headers", "vary_on_cookie", "xframe_options_exempt", "sensitive_post_parameters", "staff_member_required",
}
BODY_VERBS = {"post", "put", "patch", "delete"}


# ---- Reading the source ----------------------------------------------------------------------------


def dotted(node):
    """'a.b.c' for a Name/Attribute chain, the callee's for a call; '' otherwise."""
    if isinstance(node, ast.Call):
        return dotted(node.func)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def last(name):
    return name.rsplit(".", 1)[-1]


def is_str(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def walk_own(node):
    """The nodes of a function body, without descending into nested functions, classes or lambdas."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(child))


def annotated_type(annotation):
    """The type inside Annotated[type, ...]; any other annotation (or None) as it is."""
    if isinstance(annotation, ast.Subscript) and dotted(annotation.value).endswith("Annotated"):
        return annotation.slice.elts[0] if isinstance(annotation.slice, ast.Tuple) else annotation.slice
    return annotation


class Module:
    """Facts about one parsed source, shared by the rules."""

    def __init__(self, tree, framework):
        self.tree = tree
        self.framework = framework
        self.parents = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.origins = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self.origins[local] = alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.origins[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        self.functions = {
            node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self.classes = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
        self.async_functions = {
            node.name for node in ast.walk(tree) if isinstance(node, ast.AsyncFunctionDef)
        } - {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        self.models = {name for name, node in self.classes.items() if self._is_pydantic_model(node, set())}
        self.views = self._find_views()

    def full(self, node):
        """The dotted name with its first part replaced by what it was imported as."""
        name = dotted(node)
        first, _, rest = name.partition(".")
        origin = self.origins.get(first)
        if origin is None:
            return name
        return origin + ("." + rest if rest else "")

    def imports(self, package):
        return any(origin == package or origin.startswith(package + ".") for origin in self.origins.values())

    def _is_pydantic_model(self, node, seen):
        for base in node.bases:
            full = self.full(base)
            if full in ("pydantic.BaseModel", "pydantic.main.BaseModel", "sqlmodel.SQLModel"):
                return True
            name = dotted(base)
            if name in self.classes and name not in seen:
                if self._is_pydantic_model(self.classes[name], seen | {name}):
                    return True
        return False

    def enclosing_function(self, node):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return node
        return None

    # -- Views: which functions answer requests, and for which methods --

    def route_decorator(self, decorator):
        """(verb, call) when decorator registers a route (app.get(...), bp.route(...), router.post(...))."""
        if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
            return None
        attr = decorator.func.attr
        if attr in HTTP_VERBS or attr in ("route", "api_route"):
            if decorator.args or any(k.arg in ("rule", "path") for k in decorator.keywords):
                return attr, decorator
        return None

    def _find_views(self):
        """{function node: [route decorator calls]} for Flask/FastAPI; Django views have no decorator."""
        views = {}
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                routes = [found for found in map(self.route_decorator, node.decorator_list) if found]
                if routes:
                    views[node] = routes
        return views

    def django_views(self):
        """Module-level functions routed by path()/re_path(), or taking request first; CBV handler methods."""
        if self.framework != "django":
            return []
        routed = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and last(dotted(node.func)) in ("path", "re_path") and len(node.args) >= 2:
                target = node.args[1]
                if isinstance(target, ast.Call) and last(dotted(target.func)) not in ("include", "as_view"):
                    target = target.args[0] if target.args else target  # login_required(view)
                if isinstance(target, ast.Name):
                    routed.add(target.id)
        found = []
        for name, function in self.functions.items():
            args = function.args.posonlyargs + function.args.args
            # A helper taking request (def client_ip(request)) is not a view: only routed functions, or ones
            # wearing a view decorator (@require_POST, @login_required, ...), count.
            decorated = any(last(dotted(d)) in DJANGO_VIEW_DECORATORS for d in function.decorator_list)
            if name in routed or (args and args[0].arg == "request" and decorated):
                found.append(function)
        for cls in self.classes.values():
            if not any("View" in dotted(base) or "Mixin" in dotted(base) for base in cls.bases):
                continue
            for item in cls.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in HTTP_VERBS:
                    args = item.args.args
                    if len(args) >= 2 and args[1].arg == "request":
                        found.append(item)
        return found

    def flask_views(self):
        if self.framework != "flask":
            return []
        views = list(self.views)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_url_rule":
                target = next((k.value for k in node.keywords if k.arg == "view_func"), None)
                if target is None and len(node.args) >= 3:
                    target = node.args[2]
                if isinstance(target, ast.Name) and target.id in self.functions:
                    views.append(self.functions[target.id])
        return views

    def fastapi_views(self):
        return list(self.views) if self.framework == "fastapi" else []

    def all_views(self):
        return {"flask": self.flask_views, "django": self.django_views, "fastapi": self.fastapi_views}.get(
            self.framework, list
        )()


def detect_framework(tree):
    """'flask', 'django' or 'fastapi' from what the code imports ('' when none)."""
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            root = name.split(".")[0]
            if root == "django_setup":
                root = "django"
            if root in ("flask", "django", "fastapi") and root not in found:
                found.append(root)
    return found[0] if len(found) == 1 else ""


# ---- Control flow: can a function reach its end without returning? ----------------------------------


def always_raises(function, module, seen=()):
    """A module function whose every path raises (a helper like `def fail(): abort(404)`)."""
    return not falls_through(function.body, module, seen + (function.name,))


def exits(stmt, module, seen=()):
    if isinstance(stmt, (ast.Return, ast.Raise)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        name = dotted(stmt.value.func)
        if last(name) in ("abort", "exit", "_exit") or module.full(stmt.value.func) in ("sys.exit", "os._exit"):
            return True
        helper = module.functions.get(name)
        if helper is not None and name not in seen and not helper.decorator_list:
            return always_raises(helper, module, seen)
        return False
    if isinstance(stmt, ast.If):
        return not falls_through(stmt.body, module, seen) and bool(stmt.orelse) and not falls_through(stmt.orelse, module, seen)
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return not falls_through(stmt.body, module, seen)
    if isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
        if stmt.finalbody and not falls_through(stmt.finalbody, module, seen):
            return True
        normal = not falls_through(stmt.body, module, seen) or (stmt.orelse and not falls_through(stmt.orelse, module, seen))
        return bool(normal) and all(not falls_through(handler.body, module, seen) for handler in stmt.handlers)
    if isinstance(stmt, ast.While):
        endless = isinstance(stmt.test, ast.Constant) and bool(stmt.test.value)
        return endless and not any(isinstance(node, ast.Break) for node in walk_own(stmt))
    if isinstance(stmt, ast.Match):
        irrefutable = any(
            isinstance(case.pattern, ast.MatchAs) and case.pattern.pattern is None and case.guard is None for case in stmt.cases
        )
        return irrefutable and all(not falls_through(case.body, module, seen) for case in stmt.cases)
    return False


def falls_through(body, module, seen=()):
    return not any(exits(stmt, module, seen) for stmt in body)


def is_generator(function):
    return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in walk_own(function))


# ---- The rules -----------------------------------------------------------------------------------------
#
# Each rule: a function(module) yielding (node or line, message), registered with the frameworks it
# applies to (None: any Python code).

RULES = []


def rule(name, frameworks=None, summary=""):
    def register(func):
        RULES.append({"name": name, "frameworks": frameworks, "summary": summary, "check": func})
        return func

    return register


def returns_nothing(function, module):
    """The line of a bare `return` or of the function's end when a path has no return value."""
    for node in walk_own(function):
        if isinstance(node, ast.Return) and node.value is None:
            return node.lineno
    if falls_through(function.body, module):
        return function.body[-1].end_lineno or function.lineno
    return None


@rule("flask-view-returns-none", {"flask"}, "a Flask view that can end without returning a response")
def flask_view_returns_none(module):
    for view in module.flask_views():
        if is_generator(view):
            continue
        line = returns_nothing(view, module)
        if line:
            yield line, (
                f"The view `{view.name}` can finish without returning anything (around line {line}), so Flask gets None "
                "and answers 500 (TypeError: \"... did not return a valid response\"). Make every path end in a "
                "`return`, for example `return {\"error\": \"not found\"}, 404`, or call `abort(404)`."
            )


@rule("django-view-returns-none", {"django"}, "a Django view that can end without returning an HttpResponse")
def django_view_returns_none(module):
    for view in module.django_views():
        if is_generator(view):
            continue
        line = returns_nothing(view, module)
        if line:
            yield line, (
                f"The view `{view.name}` can finish without returning anything (around line {line}), so Django raises "
                "\"didn't return an HttpResponse object. It returned None instead\". Return a response on every path "
                "(`return JsonResponse(...)`, `return redirect(...)`) or raise `Http404`."
            )


@rule("flask-status-tuple-order", {"flask"}, "a Flask view returning (status, body) instead of (body, status)")
def flask_status_tuple_order(module):
    for view in module.flask_views():
        for node in walk_own(view):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) in (2, 3):
                first, second = node.value.elts[0], node.value.elts[1]
                if isinstance(first, ast.Constant) and type(first.value) is int and 100 <= first.value <= 599:
                    if not (isinstance(second, ast.Constant) and type(second.value) is int):
                        yield node, (
                            f"`return {first.value}, ...` puts the status code first. Flask reads a tuple as "
                            "(body, status) or (body, status, headers), so it takes the number for the body and answers "
                            f"500 (\"... but it was a int\"). Write `return body, {first.value}`."
                        )


def reads_request(view, module, attrs):
    """The first node reading request.<attr> (or calling it) for attr in attrs."""
    for node in walk_own(view):
        if isinstance(node, ast.Attribute) and node.attr in attrs and module.full(node.value) in ("flask.request", "request"):
            return node
    return None


def compares_method(view, verbs):
    for node in walk_own(view):
        if isinstance(node, ast.Compare) and dotted(node.left) == "request.method":
            for right in node.comparators:
                values = [right] + (list(right.elts) if isinstance(right, (ast.Tuple, ast.List, ast.Set)) else [])
                if any(is_str(value) and value.value.lower() in verbs for value in values):
                    return node
    return None


@rule("flask-route-without-methods", {"flask"}, "@app.route handling a form or POST without methods=")
def flask_route_without_methods(module):
    for view, routes in module.views.items():
        for verb, call in routes:
            if verb != "route" or any(k.arg == "methods" for k in call.keywords):
                continue
            node = reads_request(view, module, {"form", "files", "json", "get_json"}) or compares_method(view, BODY_VERBS)
            if node is not None:
                yield call, (
                    f"`{dotted(call.func)}(...)` above `{view.name}` has no `methods=`, so the route answers only GET and "
                    "a form POST gets 405 Method Not Allowed. Add `methods=[\"GET\", \"POST\"]`, or use `@app.post(...)` "
                    "for a view that only receives the form."
                )


@rule("flask-body-read-on-get", {"flask"}, "a GET-only Flask view reading request.form / request.json")
def flask_body_read_on_get(module):
    for view, routes in module.views.items():
        if not routes or any(verb != "get" for verb, _ in routes):
            continue
        node = reads_request(view, module, {"form", "files", "json", "get_json"})
        if node is not None:
            yield node, (
                f"`{view.name}` is registered with `@...get(...)` but reads `request.{node.attr}`: a GET request has no "
                "body, so there is nothing to read. Receive the data in a `@app.post(...)` view, or read "
                "`request.args` for values in the query string."
            )


@rule("flask-query-int-by-hand", {"flask"}, "int(request.args.get(...)) instead of type=int")
def flask_query_int_by_hand(module):
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and dotted(node.func) == "int" and node.args:
            inner = node.args[0]
            target = inner.func.value if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) else inner
            if isinstance(inner, ast.Subscript):
                target = inner.value
            if dotted(target) == "request.args" and module.full(target.value) in ("flask.request", "request"):
                if not inside_try(node, module, {"ValueError", "TypeError", "Exception"}):
                    yield node, (
                        "`int(request.args...)` raises ValueError on a value like `?limit=abc`, which becomes a 500. "
                        "Let Flask convert it: `request.args.get(\"limit\", 10, type=int)` gives the default when the "
                        "value is missing or not a number."
                    )


def inside_try(node, module, caught):
    """Whether node sits in a try: body whose handlers catch one of the names in caught (or everything)."""
    child = node
    while child in module.parents:
        parent = module.parents[child]
        if isinstance(parent, ast.Try) and child in parent.body:
            for handler in parent.handlers:
                if handler.type is None:
                    return True
                types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                if any(last(dotted(t)) in caught for t in types):
                    return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        child = parent
    return False


def set_valued(node):
    return isinstance(node, (ast.Set, ast.SetComp)) or (
        isinstance(node, ast.Call) and dotted(node.func) in ("set", "frozenset")
    )


@rule("json-of-set", {"flask", "django"}, "jsonify / JsonResponse / json.dumps of a set")
def json_of_set(module):
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        name = module.full(node.func)
        if last(name) not in ("jsonify", "JsonResponse", "dumps") or (last(name) == "dumps" and "json" not in name):
            continue
        values = list(node.args) + [k.value for k in node.keywords if k.arg is not None and k.arg not in ("default", "cls", "encoder")]
        for value in list(values):
            if isinstance(value, ast.Dict):
                values.extend(value.values)
        if any(set_valued(value) for value in values):
            yield node, (
                f"`{dotted(node.func)}(...)` is given a set, and JSON has no sets: the view fails with "
                "\"Object of type set is not JSON serializable\". Turn it into a list first, e.g. `sorted(tags)` or `list(tags)`."
            )


def under_main_guard(node, module, functions_count=True):
    """Whether node runs only under `if __name__ == "__main__":` (or, functions_count, only when its function is called)."""
    child = node
    while child in module.parents:
        parent = module.parents[child]
        if isinstance(parent, ast.If) and "__name__" in ast.unparse(parent.test) and "__main__" in ast.unparse(parent.test):
            return True
        if functions_count and isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return True  # runs only when called
        child = parent
    return False


def flask_apps(module):
    """Module-level names bound to a Flask app: app = Flask(__name__), app = create_app()."""
    names = set()
    if module.framework != "flask":
        return names
    for node in module.tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            callee = last(dotted(node.value.func))
            if callee == "Flask" or (callee in module.functions and "app" in callee.lower()):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


@rule("server-started-at-import", {"flask", "fastapi"}, "app.run() / uvicorn.run() at import time")
def server_started_at_import(module):
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            name = module.full(node.func)
            is_server = name == "uvicorn.run" or (isinstance(node.func.value, ast.Name) and node.func.value.id in flask_apps(module))
            if is_server and not under_main_guard(node, module):
                yield node, (
                    f"`{dotted(node.func)}(...)` runs as soon as the file is imported, so importing your app starts a "
                    "server that never returns and the checks (and any test or real server) cannot load it. Put it under "
                    "`if __name__ == \"__main__\":`, or remove it: the course starts your app for you."
                )


def true_constant(node):
    return isinstance(node, ast.Constant) and node.value is True


@rule("debug-mode-on", {"flask", "fastapi"}, "debug=True / app.debug = True / DEBUG = True")
def debug_mode_on(module):
    for node in ast.walk(module.tree):
        found = False
        if isinstance(node, ast.Call):
            found = any(k.arg in ("debug", "DEBUG") and true_constant(k.value) for k in node.keywords) and last(
                dotted(node.func)
            ) in ("run", "update", "Flask", "FastAPI")
        elif isinstance(node, ast.Assign) and true_constant(node.value):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "debug":
                    found = True
                if isinstance(target, ast.Subscript) and is_str(target.slice) and target.slice.value == "DEBUG":
                    found = True
        if found and not under_main_guard(node, module, functions_count=False):
            yield node, (
                "Debug mode is switched on here. It shows tracebacks (and in Flask an interactive console that runs "
                "any Python) to whoever triggers an error, and it changes how errors are handled, so error handlers "
                "and logging behave differently than in production. Leave it off: read it from configuration instead."
            )


def mutable(node):
    return isinstance(node, (ast.List, ast.Dict, ast.Set)) or (
        isinstance(node, ast.Call) and dotted(node.func) in ("list", "dict", "set", "defaultdict") and not node.args
    )


@rule("mutable-default-argument", None, "def f(x=[]) / {} / set(): one object shared by every call")
def mutable_default_argument(module):
    skip = set(module.fastapi_views())
    depends = {
        dotted(call.args[0])
        for call in ast.walk(module.tree)
        if isinstance(call, ast.Call) and last(dotted(call.func)) in ("Depends", "Security") and call.args
    }
    for function in ast.walk(module.tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function in skip or function.name in depends:
            continue
        args = function.args
        positional = args.posonlyargs + args.args
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
        pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        for arg, default in pairs:
            if mutable(default):
                yield default, (
                    f"`{arg.arg}={ast.unparse(default)}` in `{function.name}` is created once, when the function is "
                    "defined, and shared by every call: a change made in one call shows up in the next. Use "
                    f"`{arg.arg}=None` and inside write `if {arg.arg} is None: {arg.arg} = {ast.unparse(default) or '[]'}` "
                    "(or copy it)."
                )


def is_len_plus_one(node):
    if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Add):
        return False
    sides = [node.left, node.right]
    has_len = any(isinstance(side, ast.Call) and dotted(side.func) == "len" for side in sides)
    has_one = any(isinstance(side, ast.Constant) and side.value == 1 for side in sides)
    return has_len and has_one


def id_like(name):
    return name.lower() in ("id", "pk", "uid", "ident") or name.lower().endswith("_id") or name.endswith("Id")


@rule("len-plus-one-id", None, "new ids made from len(items) + 1")
def len_plus_one_id(module):
    for node in ast.walk(module.tree):
        if not is_len_plus_one(node):
            continue
        parent = module.parents.get(node)
        as_id = False
        if isinstance(parent, ast.Assign):
            for target in parent.targets:
                if isinstance(target, ast.Name) and id_like(target.id):
                    as_id = True
                if isinstance(target, ast.Subscript):
                    as_id = True  # items[len(items) + 1] = ...
                if isinstance(target, ast.Attribute) and id_like(target.attr):
                    as_id = True
        elif isinstance(parent, ast.Dict):
            keys = [k for k, v in zip(parent.keys, parent.values) if v is node]
            as_id = any(is_str(k) and id_like(k.value) for k in keys)
        elif isinstance(parent, ast.keyword):
            as_id = parent.arg is not None and id_like(parent.arg)
        elif isinstance(parent, ast.Subscript) and parent.slice is node:
            as_id = True
        if as_id:
            yield node, (
                "This id comes from `len(...) + 1`. After a delete the count goes down, so the next new item gets an id "
                "that is still in use and overwrites it. Keep a counter that only goes up (`itertools.count(1)` and "
                "`next(ids)`, or `max(items, default=0) + 1`)."
            )


SQL_CALLS = {"execute", "executemany", "executescript", "raw", "RawSQL", "text"}
SQL_WORDS = re.compile(r"\b(select|insert|update|delete)\b", re.IGNORECASE)


class SqlBuilder:
    """Whether an expression glues values into SQL text (f-string, %, +, .format, .replace, a helper doing so)."""

    def __init__(self, module, function):
        self.module = module
        self.function = function
        scope = function if function is not None else module.tree
        self.assigned = {}
        for node in walk_own(scope) if function is not None else module.tree.body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name) and node.value is not None:
                self.assigned.setdefault(node.target.id, []).append(node.value)
        self.constants = {}
        for node in module.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.constants[node.targets[0].id] = node.value

    def constant(self, node, depth=0):
        """A value fixed by the code: a literal, a module constant, an attribute (a table name), or built from them."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Attribute):
            return True  # Model._meta.db_table, self.table: names chosen by the code, not by the request
        if isinstance(node, ast.Name):
            value = self.constants.get(node.id)
            if node.id.isupper() and value is not None and depth < 4:
                return self.constant(value, depth + 1)
            return False
        if isinstance(node, ast.JoinedStr):
            return all(self.constant(v.value, depth + 1) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            return self.constant(node.left, depth + 1) and self.constant(node.right, depth + 1)
        if isinstance(node, (ast.Tuple, ast.List)):
            return all(self.constant(e, depth + 1) for e in node.elts)
        if isinstance(node, ast.IfExp):
            return self.constant(node.body, depth + 1) and self.constant(node.orelse, depth + 1)
        return False

    def glued(self, node, depth=0):
        if depth > 6:
            return False
        if isinstance(node, ast.JoinedStr):
            return any(isinstance(v, ast.FormattedValue) and not self.constant(v.value) for v in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            if isinstance(node.op, ast.Mod) and is_str(node.left):
                return not self.constant(node.right)
            if isinstance(node.op, ast.Add):
                return (self.glued(node.left, depth + 1) or self.glued(node.right, depth + 1)) or (
                    self.texty(node.left) or self.texty(node.right)
                ) and not (self.constant(node.left) and self.constant(node.right))
            return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "format" and (is_str(node.func.value) or self.texty(node.func.value)):
                return not all(self.constant(a) for a in list(node.args) + [k.value for k in node.keywords])
            if node.func.attr == "replace" and (self.texty(node.func.value) or self.glued(node.func.value, depth + 1)):
                return not all(self.constant(a) for a in node.args)
            if node.func.attr == "join":
                return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            helper = self.module.functions.get(node.func.id)
            if helper is not None and depth < 3:
                builder = SqlBuilder(self.module, helper)
                return any(
                    isinstance(n, ast.Return) and n.value is not None and builder.glued(n.value, depth + 1) for n in walk_own(helper)
                )
            for value in self.assigned.get(node.func.id, []) + ([self.constants[node.func.id]] if node.func.id in self.constants else []):
                if isinstance(value, ast.Lambda):
                    return self.glued(value.body, depth + 1)
        if isinstance(node, ast.Name):
            return any(self.glued(value, depth + 1) for value in self.assigned.get(node.id, []))
        if isinstance(node, ast.IfExp):
            return self.glued(node.body, depth + 1) or self.glued(node.orelse, depth + 1)
        return False

    def texty(self, node):
        if is_str(node):
            return bool(SQL_WORDS.search(node.value)) or node.value.strip().startswith(("WHERE", "AND", "OR", "ORDER", "LIKE", "'", '"'))
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.texty(self.constants[node.id])
        return False


@rule("sql-built-from-strings", None, "values glued into SQL text passed to execute()/raw()")
def sql_built_from_strings(module):
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call) or not node.args or last(dotted(node.func)) not in SQL_CALLS:
            continue
        if last(dotted(node.func)) == "text" and "sqlalchemy" not in module.full(node.func):
            continue
        builder = SqlBuilder(module, module.enclosing_function(node))
        if builder.glued(node.args[0]):
            yield node, (
                f"The SQL passed to `{dotted(node.func)}(...)` is built by putting values into the text (an f-string, "
                "%, +, .format() or .replace()), so a quote in the value changes the query: SQL injection. Write "
                "placeholders and pass the values separately, e.g. `cursor.execute(\"... WHERE title LIKE %s\", [pattern])` "
                "(`?` with sqlite3), or use the ORM."
            )


def looks_up_input(call):
    """Whether a lookup's values come from the request or the URL (a fixed lookup is the code's own data)."""
    values = list(call.args) + [k.value for k in call.keywords]
    return any(not isinstance(value, ast.Constant) for value in values)


@rule("django-get-without-does-not-exist", {"django"}, "Model.objects.get() in a view with no DoesNotExist handling")
def django_get_unhandled(module):
    for view in module.django_views():
        for node in walk_own(view):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
                receiver = node.func.value
                if isinstance(receiver, ast.Attribute) and receiver.attr == "objects" and looks_up_input(node):
                    if not inside_try(node, module, {"DoesNotExist", "ObjectDoesNotExist", "Exception"}):
                        yield node, (
                            f"`{dotted(node.func)}(...)` raises `DoesNotExist` when nothing matches, and an uncaught "
                            "exception becomes a 500. Use `get_object_or_404(Model, ...)` (it answers 404), or wrap the "
                            "call in `try: ... except Model.DoesNotExist:`."
                        )


@rule("django-view-returns-data", {"django"}, "a Django view returning a dict, list or str instead of an HttpResponse")
def django_view_returns_data(module):
    for view in module.django_views():
        for node in walk_own(view):
            if isinstance(node, ast.Return) and node.value is not None:
                value = node.value
                kind = None
                if isinstance(value, (ast.Dict, ast.DictComp)):
                    kind, pytype, fix = "a dict", "dict", "`return JsonResponse({...})`"
                elif isinstance(value, (ast.List, ast.ListComp)):
                    kind, pytype, fix = "a list", "list", "`return JsonResponse({\"items\": [...]})`"
                elif is_str(value) or isinstance(value, ast.JoinedStr):
                    kind, pytype, fix = "a string", "str", "`return HttpResponse(\"...\")`"
                if kind:
                    yield node, (
                        f"The view `{view.name}` returns {kind}. Unlike Flask or FastAPI, Django needs an HttpResponse "
                        f"object from every view; otherwise the request fails with an AttributeError (\"'{pytype}' object "
                        f"has no attribute ...\"). Wrap it: {fix}."
                    )


def is_django_model(cls, module):
    return any(module.full(base) in ("django.db.models.Model", "django.db.models.base.Model") or dotted(base) == "models.Model" for base in cls.bases)


def module_calls(module, names):
    found = []
    for stmt in module.tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and last(dotted(call.func)) in names:
            found.append(call)
        if isinstance(stmt, ast.Expr) and isinstance(call, ast.Call) and last(dotted(call.func)) == "call_command":
            if call.args and is_str(call.args[0]) and call.args[0].value == "migrate":
                found.append(call)
    return found


@rule("django-model-without-migrate", {"django"}, "a model defined after (or without) django_setup.migrate()")
def django_model_without_migrate(module):
    if "django_setup" not in module.origins:
        return
    models = [cls for cls in module.tree.body if isinstance(cls, ast.ClassDef) and is_django_model(cls, module)]
    if not models:
        return
    calls = module_calls(module, {"migrate", "create_tables", "call_command"})
    if not calls:
        yield models[0], (
            f"The model `{models[0].name}` has no table yet: nothing runs the migration. Keep "
            "`django_setup.migrate()` at the end of the file, after every model and view, so it creates the tables "
            "(otherwise queries fail with \"no such table\")."
        )
        return
    first = min(call.lineno for call in calls)
    for cls in models:
        if cls.lineno > first:
            yield cls, (
                f"The model `{cls.name}` is defined after `django_setup.migrate()` ran (line {first}), so its table is "
                "never created and its queries fail with \"no such table\". Move the migrate() call below every model."
            )


@rule("django-model-without-app-label", {"django"}, "a model class with no Meta.app_label in a one-file exercise")
def django_model_without_app_label(module):
    if "django_setup" not in module.origins:
        return
    for cls in module.tree.body:
        if isinstance(cls, ast.ClassDef) and is_django_model(cls, module):
            meta = next((item for item in cls.body if isinstance(item, ast.ClassDef) and item.name == "Meta"), None)
            names = set()
            if meta is not None:
                for item in meta.body:
                    if isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
            if "app_label" not in names and "abstract" not in names:
                yield cls, (
                    f"The model `{cls.name}` has no `app_label`, and in a one-file exercise Django cannot tell which app "
                    "it belongs to (\"Model class ... doesn't declare an explicit app_label\"). Add "
                    "`class Meta: app_label = \"exercise\"` inside the model."
                )


def async_calls(module):
    """(call node, its async function) for calls made directly inside an async def."""
    for function in ast.walk(module.tree):
        if isinstance(function, ast.AsyncFunctionDef):
            for node in walk_own(function):
                if isinstance(node, ast.Call):
                    yield node, function


@rule("sleep-in-async", None, "time.sleep() inside async def")
def sleep_in_async(module):
    for node, function in async_calls(module):
        if module.full(node.func) == "time.sleep":
            yield node, (
                f"`time.sleep(...)` inside `async def {function.name}` stops the whole event loop: no other request is "
                "served while it waits. Write `await asyncio.sleep(...)` instead (or make the function a plain `def`, "
                "which FastAPI runs in a thread)."
            )


HTTPX_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "request", "stream")
SYNC_HTTPX_CALLS = {f"httpx.{method}" for method in HTTPX_METHODS}


class SyncHttpxClients:
    """Which names hold a sync httpx.Client in a function: one made at module level or in the function, or a
    parameter annotated as one (directly, through Annotated[httpx.Client, ...], or a module-level alias of that).
    What the module binds is read once; each function's names once."""

    def __init__(self, module):
        self.module = module
        self.aliases = {}
        for node in module.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.aliases.setdefault(node.targets[0].id, []).append(node.value)
        self.module_level = set(self._bound(module.tree.body))
        self.by_function = {}

    def _is_client(self, annotation):
        annotation = annotated_type(annotation)
        if annotation is None:
            return False
        if self.module.full(annotation) == "httpx.Client":
            return True
        return isinstance(annotation, ast.Name) and any(self._is_client(value) for value in self.aliases.get(annotation.id, ()))

    def _made(self, node):
        return isinstance(node, ast.Call) and self.module.full(node.func) == "httpx.Client"

    def _bound(self, statements):
        for node in statements:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if self._made(node.value) or self._is_client(getattr(node, "annotation", None)):
                    yield from (target.id for target in targets if isinstance(target, ast.Name))
            elif isinstance(node, ast.withitem) and self._made(node.context_expr) and isinstance(node.optional_vars, ast.Name):
                yield node.optional_vars.id

    def in_function(self, function):
        if function not in self.by_function:
            arguments = function.args
            parameters = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs] if self._is_client(a.annotation)}
            self.by_function[function] = self.module_level | parameters | set(self._bound(walk_own(function)))
        return self.by_function[function]


@rule("blocking-http-in-async", None, "requests / urllib / a sync httpx client inside async def")
def blocking_http_in_async(module):
    clients = SyncHttpxClients(module)
    for node, function in async_calls(module):
        if not isinstance(node.func, (ast.Name, ast.Attribute)) or "(" in ast.unparse(node.func):
            continue  # requests.get(...).json(): the request itself is the call to report
        name = module.full(node.func)
        on_sync_client = (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in HTTPX_METHODS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in clients.in_function(function)
        )
        if name.startswith("requests.") or name == "urllib.request.urlopen" or name in SYNC_HTTPX_CALLS or on_sync_client:
            yield node, (
                f"`{dotted(node.func)}(...)` inside `async def {function.name}` blocks the event loop until the other "
                "server answers, so every other request waits too. Use an async client (`async with httpx.AsyncClient() "
                "as client: await client.get(...)`), or make the endpoint a plain `def`."
            )


BLOCKING_IO = {"open", "sqlite3.connect", "psycopg.connect", "psycopg2.connect", "shutil.copyfile", "subprocess.run"}


@rule("blocking-io-in-async", None, "open() / sqlite3.connect() / subprocess.run() inside async def")
def blocking_io_in_async(module):
    for node, function in async_calls(module):
        name = module.full(node.func)
        if name in BLOCKING_IO and not is_generator(function):
            yield node, (
                f"`{dotted(node.func)}(...)` inside `async def {function.name}` does blocking file, database or process "
                "work on the event loop, so other requests wait for it. Make the endpoint a plain `def` (FastAPI runs it "
                "in a thread pool), or move the work to `await asyncio.to_thread(...)`."
            )


@rule("missing-await", None, "an async function called without await")
def missing_await(module):
    targets = module.async_functions | {"asyncio.sleep"}
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func)
        full = module.full(node.func)
        if name not in targets and full not in ("asyncio.sleep",):
            continue
        parent = module.parents.get(node)
        if isinstance(parent, (ast.Await, ast.Call, ast.keyword, ast.Starred, ast.Return, ast.Lambda)):
            continue  # awaited, handed to create_task/gather/run, or returned for the caller to await
        if isinstance(parent, (ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp)):
            continue  # collected for asyncio.gather(*...)
        if module.enclosing_function(node) is None:
            continue
        yield node, (
            f"`{name}(...)` is an async function, and calling it without `await` only creates a coroutine object: "
            f"its code never runs (Python warns \"coroutine '{last(name)}' was never awaited\"). Write `await {name}(...)`."
        )


PYDANTIC_V1_METHODS = {
    "dict": "model_dump()",
    "json": "model_dump_json()",
    "copy": "model_copy()",
}
PYDANTIC_V1_CLASS_METHODS = {
    "parse_obj": "Model.model_validate(data)",
    "parse_raw": "Model.model_validate_json(text)",
    "parse_file": "Model.model_validate_json(path.read_text())",
    "from_orm": "Model.model_validate(obj) with model_config = ConfigDict(from_attributes=True)",
    "schema": "Model.model_json_schema()",
    "schema_json": "json.dumps(Model.model_json_schema())",
    "construct": "Model.model_construct(...)",
    "update_forward_refs": "Model.model_rebuild()",
}


def model_instances(function, module):
    """Names in function that hold an instance of a Pydantic model of this file."""
    names = set()
    if function is None:
        return names
    for arg in function.args.posonlyargs + function.args.args + function.args.kwonlyargs:
        annotation = annotated_type(arg.annotation)
        if annotation is not None and dotted(annotation) in module.models:
            names.add(arg.arg)
    for node in walk_own(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and dotted(node.value.func) in module.models:
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.args.args and function.args.args[0].arg == "self":
        cls = module.parents.get(function)
        if isinstance(cls, ast.ClassDef) and cls.name in module.models:
            names.add("self")
    return names


@rule("pydantic-v1-instance-methods", None, "Pydantic v1 .dict() / .json() / .copy() on a model")
def pydantic_v1_instance_methods(module):
    if not module.models:
        return
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in PYDANTIC_V1_METHODS:
            receiver = node.func.value
            known = isinstance(receiver, ast.Name) and receiver.id in model_instances(module.enclosing_function(node), module)
            if known or (node.func.attr == "dict" and not node.args and isinstance(receiver, ast.Name) and receiver.id not in ("self",)):
                if not known and dotted(receiver) in ("request", "dict", "os", "json"):
                    continue
                new = PYDANTIC_V1_METHODS[node.func.attr]
                yield node, (
                    f"`.{node.func.attr}()` is the Pydantic 1 name; Pydantic 2 (used here) renamed it to `.{new}`. The old "
                    f"name still works but is deprecated and warns: write `{dotted(receiver)}.{new}`."
                )


@rule("pydantic-v1-class-methods", None, "Pydantic v1 Model.parse_obj() / from_orm() / schema()")
def pydantic_v1_class_methods(module):
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in PYDANTIC_V1_CLASS_METHODS:
            if dotted(node.func.value) in module.models:
                yield node, (
                    f"`{dotted(node.func)}(...)` is Pydantic 1. In Pydantic 2 write "
                    f"`{PYDANTIC_V1_CLASS_METHODS[node.func.attr].replace('Model', dotted(node.func.value), 1)}`."
                )


V1_CONFIG = {
    "orm_mode": "from_attributes=True",
    "allow_population_by_field_name": "populate_by_name=True",
    "anystr_strip_whitespace": "str_strip_whitespace=True",
    "min_anystr_length": "str_min_length=...",
    "max_anystr_length": "str_max_length=...",
    "schema_extra": "json_schema_extra={...}",
    "validate_all": "validate_default=True",
}


@rule("pydantic-v1-config", None, "class Config: (orm_mode, ...) inside a Pydantic model")
def pydantic_v1_config(module):
    for name in module.models:
        cls = module.classes[name]
        for item in cls.body:
            if isinstance(item, ast.ClassDef) and item.name == "Config":
                keys = [t.id for a in item.body if isinstance(a, ast.Assign) for t in a.targets if isinstance(t, ast.Name)]
                renamed = [f"`{key}` is now `{V1_CONFIG[key]}`" for key in keys if key in V1_CONFIG]
                extra = (" " + "; ".join(renamed) + ".") if renamed else ""
                yield item, (
                    f"`class Config:` inside `{name}` is the Pydantic 1 way to configure a model. In Pydantic 2 write "
                    f"`model_config = ConfigDict(...)` (from pydantic import ConfigDict).{extra} Pydantic 2 only warns about "
                    "the old keys and ignores them."
                )


@rule("pydantic-v1-validator", None, "@validator / @root_validator (Pydantic v1 decorators)")
def pydantic_v1_validator(module):
    for node in ast.walk(module.tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                full = module.full(decorator)
                if full in ("pydantic.validator", "pydantic.root_validator", "pydantic.class_validators.validator"):
                    if last(full) == "root_validator":
                        new = "`@model_validator(mode=\"after\")` (or `mode=\"before\"`)"
                    else:
                        new = "`@field_validator(\"name\")` with `@classmethod` below it"
                    yield decorator, (
                        f"`@{last(full)}` is the Pydantic 1 decorator (deprecated in Pydantic 2, with different arguments). "
                        f"Use {new}, imported from pydantic; raise ValueError for a bad value and return the value to keep."
                    )


HTTP_ERRORS = {"HTTPException", "Http404", "PermissionDenied", "SuspiciousOperation", "BadRequest"}


@rule("error-returned-not-raised", {"fastapi", "django"}, "return HTTPException(...) / Http404(...) instead of raise")
def error_returned_not_raised(module):
    for node in (n for view in module.all_views() for n in walk_own(view)):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call) and last(dotted(node.value.func)) in HTTP_ERRORS:
            name = last(dotted(node.value.func))
            if module.framework == "fastapi" and name != "HTTPException":
                continue
            outcome = (
                "FastAPI sends it as data with 200" if module.framework == "fastapi" else "Django fails with a 500, since it is no HttpResponse"
            )
            yield node, (
                f"`return {name}(...)` hands the exception back as if it were the answer, so {outcome}, instead of "
                f"the error you meant. Exceptions are raised: write `raise {name}(...)`."
            )


@rule("http-exception-in-validator", {"fastapi"}, "raise HTTPException inside a Pydantic validator")
def http_exception_in_validator(module):
    for function in ast.walk(module.tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if not any(last(dotted(d)) in ("field_validator", "model_validator", "validator", "root_validator") for d in function.decorator_list):
            continue
        for node in walk_own(function):
            if isinstance(node, ast.Raise) and node.exc is not None and last(dotted(node.exc)) == "HTTPException":
                yield node, (
                    f"The validator `{function.name}` raises HTTPException. Pydantic collects only ValueError (and "
                    "AssertionError) from validators into the 422 list of errors, so this skips your validation "
                    "handler and the other fields' errors. Write `raise ValueError(\"...\")` with the message."
                )


RESPONSE_BUILDERS = {
    "flask": {"redirect", "render_template", "render_template_string", "jsonify", "make_response"},
    "django": {"redirect", "render", "HttpResponse", "JsonResponse", "HttpResponseRedirect", "TemplateResponse"},
    "fastapi": {"RedirectResponse", "JSONResponse", "HTMLResponse", "PlainTextResponse"},
}


@rule("response-not-returned", {"flask", "django", "fastapi"}, "redirect(...) / render(...) built but not returned")
def response_not_returned(module):
    builders = RESPONSE_BUILDERS.get(module.framework, set())
    for view in module.all_views():
        for node in walk_own(view):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and last(dotted(node.value.func)) in builders:
                name = dotted(node.value.func)
                yield node, (
                    f"`{name}(...)` builds a response here but nothing returns it, so it is thrown away and the view "
                    f"goes on (and may return nothing). Write `return {name}(...)`."
                )


def list_type(node):
    return isinstance(node, ast.Subscript) and last(dotted(node.value)) in ("list", "List", "Sequence")


@rule("response-model-mismatch", {"fastapi"}, "response_model=list[...] returning one object, or the reverse")
def response_model_mismatch(module):
    for view, routes in module.views.items():
        for _, call in routes:
            model = next((k.value for k in call.keywords if k.arg == "response_model"), None)
            if model is None:
                continue
            for node in walk_own(view):
                if not isinstance(node, ast.Return) or node.value is None:
                    continue
                value = node.value
                many = isinstance(value, (ast.List, ast.ListComp))
                one = isinstance(value, (ast.Dict, ast.DictComp)) or (
                    isinstance(value, ast.Call) and dotted(value.func) in module.models
                )
                if list_type(model) and one:
                    yield node, (
                        f"`response_model={ast.unparse(model)}` promises a list, but `{view.name}` returns one object here, "
                        "so FastAPI fails to validate the response (500). Return a list, or declare the model of one item."
                    )
                elif dotted(model) in module.models and many:
                    yield node, (
                        f"`response_model={ast.unparse(model)}` promises one object, but `{view.name}` returns a list here, "
                        f"so FastAPI fails to validate the response (500). Declare `response_model=list[{ast.unparse(model)}]`, "
                        "or return a single item."
                    )


@rule("print-instead-of-logging", {"flask", "django", "fastapi"}, "print() in a view or error handler of an app that logs")
def print_instead_of_logging(module):
    logs = module.imports("logging") or any(
        isinstance(node, ast.Attribute) and node.attr == "logger" for node in ast.walk(module.tree)
    )
    if not logs:
        return
    handlers = [
        node
        for node in ast.walk(module.tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and any(last(dotted(d)) in ("errorhandler", "exception_handler", "register_error_handler") for d in node.decorator_list)
    ]
    for function in list(module.all_views()) + handlers:
        for node in walk_own(function):
            if isinstance(node, ast.Call) and dotted(node.func) == "print":
                yield node, (
                    f"`print(...)` in `{function.name}` writes to standard output, which log handlers, levels and "
                    "formatters never see. Log it instead: `app.logger.error(...)` (or `logger.exception(...)` inside an "
                    "`except`/error handler, which adds the traceback)."
                )


def handles_everything(decorator):
    """An error-handler registration for every exception or for 500 (@app.errorhandler(Exception), (500))."""
    if not isinstance(decorator, ast.Call) or last(dotted(decorator.func)) not in (
        "errorhandler",
        "app_errorhandler",
        "exception_handler",
    ):
        return False
    target = decorator.args[0] if decorator.args else None
    return (isinstance(target, ast.Constant) and target.value == 500) or last(dotted(target)) in (
        "Exception",
        "BaseException",
        "InternalServerError",
    )


@rule("error-logged-without-traceback", {"flask", "django", "fastapi"}, "logger.error() for an unexpected exception, without its traceback")
def error_logged_without_traceback(module):
    scopes = [
        (function, function.name)
        for function in ast.walk(module.tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(map(handles_everything, function.decorator_list))
    ]
    for handler in ast.walk(module.tree):
        if isinstance(handler, ast.ExceptHandler) and (handler.type is None or last(dotted(handler.type)) in ("Exception", "BaseException")):
            scopes.append((handler, "this except block"))
    for scope, where in scopes:
        for node in walk_own(scope):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("error", "critical")
                and "log" in dotted(node.func.value).lower()
                and not any(k.arg in ("exc_info", "stack_info") for k in node.keywords)
                and not any(word in ast.unparse(arg) for arg in node.args for word in ("traceback", "format_exc", "format_exception"))
            ):
                yield node, (
                    f"`{dotted(node.func)}(...)` in {where if where.startswith('this') else '`' + where + '`'} logs the "
                    "message but not the traceback, so the log does not show where the error happened. Use "
                    "`logger.exception(\"...\")` (it adds the traceback), or pass `exc_info=error`."
                )


@rule("django-csrf-exempt", {"django"}, "@csrf_exempt on a view that takes a form")
def django_csrf_exempt(module):
    for node in ast.walk(module.tree):
        hit = None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            hit = next((d for d in node.decorator_list if last(dotted(d)) == "csrf_exempt"), None)
        elif isinstance(node, ast.Call) and last(dotted(node.func)) == "csrf_exempt":
            hit = node
        if hit is not None:
            yield hit, (
                "`csrf_exempt` switches off Django's CSRF protection for this view, so another site can post the form in "
                "a signed-in visitor's name. Remove it and put `{% csrf_token %}` inside the template's `<form>`."
            )


SAFE_FILTER = re.compile(r"\{\{[^}]*\|\s*safe\b")


@rule("html-marked-safe", {"flask", "django"}, "|safe / Markup() / mark_safe() on text that may come from users")
def html_marked_safe(module):
    for node in ast.walk(module.tree):
        if is_str(node) and SAFE_FILTER.search(node.value):
            yield node, (
                "The template uses `|safe`, which switches automatic escaping off, so HTML (and `<script>`) typed by a "
                "user runs in every visitor's page. Remove `|safe`: `{{ value }}` escapes it for you."
            )
        elif isinstance(node, ast.Call) and last(dotted(node.func)) in ("Markup", "mark_safe") and node.args:
            if not is_str(node.args[0]):
                yield node, (
                    f"`{dotted(node.func)}(...)` tells the template engine the text is already safe HTML, so nothing in it "
                    "gets escaped and a user's `<script>` runs. Pass the plain value to the template and let it escape it."
                )


def nested_wrapper(function):
    """The inner function a decorator function returns, or None."""
    inner = {node.name: node for node in function.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for node in function.body:
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id in inner:
            return inner[node.value.id]
    return None


@rule("flask-decorator-without-wraps", {"flask"}, "a view decorator whose wrapper lacks @functools.wraps")
def flask_decorator_without_wraps(module):
    used = {}
    for view in module.flask_views():
        for decorator in view.decorator_list:
            name = dotted(decorator)
            if name in module.functions:
                used.setdefault(name, view)
    for name in used:
        wrapper = nested_wrapper(module.functions[name])
        if wrapper is None:
            continue
        wrapped = any(last(dotted(d)) in ("wraps", "update_wrapper") for d in wrapper.decorator_list) or any(
            isinstance(n, ast.Call) and last(dotted(n.func)) == "update_wrapper" for n in ast.walk(module.functions[name])
        )
        if not wrapped:
            yield wrapper, (
                f"The decorator `{name}` returns `{wrapper.name}` without `@functools.wraps(view)`, so every view it "
                f"wraps is named `{wrapper.name}`, and Flask refuses the second one (\"View function mapping is overwriting "
                "an existing endpoint function\"). Put `@functools.wraps(view)` above the inner function."
            )


@rule("route-decorator-not-outermost", {"flask", "fastapi"}, "@login_required above @app.get(...)")
def route_decorator_not_outermost(module):
    for view, routes in module.views.items():
        decorators = view.decorator_list
        first_route = next(i for i, d in enumerate(decorators) if module.route_decorator(d))
        above = [d for d in decorators[:first_route] if not module.route_decorator(d)]
        if above:
            yield above[0], (
                f"`@{dotted(above[0])}` sits above the route decorator of `{view.name}`. Decorators apply bottom-up, so "
                "the route registers the view before it is wrapped and the wrapper never runs. Put the route decorator "
                "on top, then the others below it."
            )


def route_params(text, framework):
    """{name: converter} for the variables of a route string ('' when it has no converter)."""
    if framework == "fastapi":
        return {m.group(1): m.group(2) or "" for m in re.finditer(r"\{(\w+)(?::(\w+))?\}", text)}
    found = {}
    for m in re.finditer(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", text):
        found[m.group(2)] = m.group(1) or ""
    return found


def converted_by_hand(function, name):
    for node in walk_own(function):
        if isinstance(node, ast.Call) and dotted(node.func) == "int" and node.args:
            if isinstance(node.args[0], ast.Name) and node.args[0].id == name:
                return node
    return None


@rule("path-param-converted-by-hand", {"flask", "django", "fastapi"}, "a URL variable typed as str and passed to int() in the view")
def path_param_converted_by_hand(module):
    pairs = []  # (function, route text)
    for view, routes in module.views.items():
        for _, call in routes:
            if call.args and is_str(call.args[0]):
                pairs.append((view, call.args[0].value))
    if module.framework == "django":
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and last(dotted(node.func)) == "path" and len(node.args) >= 2 and is_str(node.args[0]):
                target = node.args[1]
                if isinstance(target, ast.Name) and target.id in module.functions:
                    pairs.append((module.functions[target.id], node.args[0].value))
    for function, text in pairs:
        for name, converter in route_params(text, module.framework).items():
            if module.framework == "fastapi":
                arg = next((a for a in function.args.args + function.args.kwonlyargs if a.arg == name), None)
                typed_str = arg is not None and (arg.annotation is None or dotted(arg.annotation) == "str")
            else:
                typed_str = converter in ("", "str")
            hit = converted_by_hand(function, name) if typed_str else None
            if hit is None:
                continue
            fix = {
                "flask": f"write the rule as `<int:{name}>`",
                "django": f"write the route as `<int:{name}>`",
                "fastapi": f"annotate the parameter: `{name}: int`",
            }[module.framework]
            yield hit, (
                f"`{name}` arrives as text and is converted with `int({name})` in the view, so a URL like `/abc` raises "
                f"ValueError (a 500) instead of a clean 404 or 422. Let the framework convert it: {fix}."
            )


@rule("depends-called", {"fastapi"}, "Depends(get_db()) calls the dependency instead of passing it")
def depends_called(module):
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and last(module.full(node.func)) in ("Depends", "Security") and node.args:
            inner = node.args[0]
            if isinstance(inner, ast.Call) and dotted(inner.func) in module.functions:
                yield node, (
                    f"`{ast.unparse(node)}` calls `{dotted(inner.func)}` once, when the file is imported, and hands "
                    f"FastAPI its result. Pass the function itself: `Depends({dotted(inner.func)})`, and FastAPI calls it "
                    "for each request."
                )


@rule("dependency-cleanup-not-in-finally", {"fastapi"}, "a yield dependency that closes after yield without try/finally")
def dependency_cleanup_not_in_finally(module):
    for function in module.functions.values():
        for index, stmt in enumerate(function.body):
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Yield):
                after = function.body[index + 1 :]
                closes = [
                    n
                    for s in after
                    for n in ast.walk(s)
                    if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("close", "release")
                ]
                if closes:
                    yield stmt, (
                        f"`{function.name}` closes its resource after `yield`, but not in a `finally:`. When the endpoint "
                        "raises (a 404, a validation error), the code after yield never runs and the connection stays "
                        "open. Write `try: yield conn` and `finally: conn.close()`."
                    )


@rule("flask-session-without-secret-key", {"flask"}, "session used but no secret key set")
def flask_session_without_secret_key(module):
    uses = [
        node
        for node in ast.walk(module.tree)
        if isinstance(node, (ast.Name, ast.Attribute)) and module.full(node) == "flask.session"
    ]
    if not uses:
        return
    source = ast.unparse(module.tree)
    if "secret_key" in source or "SECRET_KEY" in source:
        return
    yield uses[0], (
        "This code uses `session`, but no secret key is set, so Flask cannot sign the session cookie (\"The session "
        "is unavailable because no secret key was set\"). Set one after creating the app: "
        "`app.secret_key = os.environ.get(\"SECRET_KEY\", \"dev\")` or `app.config[\"SECRET_KEY\"] = ...`."
    )


@rule("django-json-in-httpresponse", {"django"}, "HttpResponse(json.dumps(...)) without a JSON content type")
def django_json_in_httpresponse(module):
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and last(dotted(node.func)) == "HttpResponse" and node.args:
            body = node.args[0]
            if isinstance(body, ast.Call) and module.full(body.func) == "json.dumps":
                if not node.keywords and len(node.args) < 2:
                    yield node, (
                        "`HttpResponse(json.dumps(...))` sends JSON text labelled `text/html`, so clients do not treat it "
                        "as JSON. Use `JsonResponse(data)` (it sets `application/json`), or pass "
                        "`content_type=\"application/json\"`."
                    )


# ---- Running them -------------------------------------------------------------------------------------


def line_of(found):
    if isinstance(found, int):
        return found
    return getattr(found, "lineno", None)


def hints_for(source, framework=None, limit=MAX_HINTS):
    """The hints for one source text, at most `limit`, in line order; [] when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    if framework is None:
        framework = detect_framework(tree)
    module = Module(tree, framework)
    hints, seen = [], set()
    for entry in RULES:
        if entry["frameworks"] is not None and framework not in entry["frameworks"]:
            continue
        try:
            for found, message in entry["check"](module):
                line = line_of(found)
                key = (entry["name"], line)
                if key in seen:
                    continue
                seen.add(key)
                hints.append({"rule": entry["name"], "line": line, "message": message[:MAX_MESSAGE]})
        except (RecursionError, AttributeError, TypeError, ValueError, IndexError, KeyError, StopIteration):
            continue  # a rule that trips on unusual code stays quiet rather than breaking the run's report
    hints.sort(key=lambda hint: (hint["line"] or 0, hint["rule"]))
    return hints[:limit]


def rule_names():
    return [entry["name"] for entry in RULES]
