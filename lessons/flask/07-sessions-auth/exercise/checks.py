"""Checks for the sessions exercise.

HTTP shows that /account refuses visitors and serves the signed-in user, and that logout works. It
cannot show that the protection is a reusable decorator: that is read from the submitted source
(never run here): login_required copies the view's name (functools.wraps), passes the view's URL
arguments on (the **kwargs it receives reach every call of the view), and sits under the route decorator of
/account.
"""

import ast

from crossroads_checks import dotted_name, expect, expect_json, expect_status, syntax_tree

REFUSED = {"error": "Sign in first"}
# The starter's account (USERS): HTTP cannot add one, and the exercise has no sign-up.
USERNAME, PASSWORD = "ada", "analytical engine"
ROUTE_METHODS = {"route", "get", "post", "put", "patch", "delete"}


# ---- Reading the source ------------------------------------------------------------------------


def imports():
    """Local name -> what it stands for: `from functools import wraps as w` gives {'w': 'functools.wraps'}."""
    names = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def resolved(node):
    name = dotted_name(node)
    first, _, rest = name.partition(".")
    origin = imports().get(first)
    return origin + ("." + rest if rest else "") if origin else name


def decorator():
    """The top-level function or class named login_required."""
    definition = next((node for node in syntax_tree().body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == "login_required"), None)
    expect(
        definition is not None,
        "Define a decorator named login_required at the top level of your file: def login_required(view): ...",
        expected="def login_required(view): ...",
        actual="no login_required in your file",
    )
    return definition


def wrappers(definition):
    """The functions that stand in for the view: the inner functions of a decorator function, or a class's __call__."""
    if isinstance(definition, ast.ClassDef):
        return [node for node in definition.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "__call__"]
    return [node for node in ast.walk(definition) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and node is not definition]


def is_route(node, path):
    """A route decorator or registration (@app.get("/account"), app.route(...), app.add_url_rule(...)) for path."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr not in ROUTE_METHODS and node.func.attr != "add_url_rule":
        return False
    rule = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "rule"), None)
    return isinstance(rule, ast.Constant) and rule.value == path


def is_login_required(node):
    return dotted_name(node).split(".")[-1] == "login_required"


def view_references(definition):
    """What stands for the decorated view inside login_required: its parameter (a function), or for a
    class the self.<name> attributes __init__ stores it in (and self.__wrapped__, set by update_wrapper)."""
    if isinstance(definition, ast.ClassDef):
        init = next((node for node in definition.body if isinstance(node, ast.FunctionDef) and node.name == "__init__"), None)
        params = [arg.arg for arg in init.args.args[1:]] if init else []
        attributes = {"__wrapped__"}
        for node in ast.walk(init) if init else []:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in params:
                attributes.update(target.attr for target in node.targets if isinstance(target, ast.Attribute) and dotted_name(target.value) == "self")
        return set(params), attributes
    params = [arg.arg for arg in definition.args.posonlyargs + definition.args.args]
    return set(params[:1]), set()


def mentions_view(node, names, attributes):
    return any(
        (isinstance(child, ast.Name) and child.id in names)
        or (isinstance(child, ast.Attribute) and child.attr in attributes and dotted_name(child.value) == "self")
        for child in ast.walk(node)
    )


def view_calls(function, names, attributes):
    """The calls in function whose callee is the view (view(...), self.view(...), current_app.ensure_sync(view)(...))."""
    return [node for node in ast.walk(function) if isinstance(node, ast.Call) and mentions_view(node.func, names, attributes)]


def forwards_keywords(call, function):
    """Whether call passes on the **kwargs its enclosing function receives (Flask passes URL arguments as keywords)."""
    kwarg = function.args.kwarg
    chain = [call, *(node for node in ast.walk(call.func) if isinstance(node, ast.Call))]  # functools.partial(view, **kwargs)()
    return kwarg is not None and any(
        keyword.arg is None and isinstance(keyword.value, ast.Name) and keyword.value.id == kwarg.arg for node in chain for keyword in node.keywords
    )


# ---- HTTP --------------------------------------------------------------------------------------


def sign_in(client, password=PASSWORD):
    return client.post("/login", data={"username": USERNAME, "password": password})


def expect_refused(response, why):
    expect(response.status == 401, f"{why}: expected 401, got {response.status}", expected=f"status 401 with {REFUSED}", response=response)
    expect_json(response, REFUSED)


def check_anonymous_refused(client):
    """GET /account without signing in is a 401"""
    expect_refused(client.get("/account"), "A visitor who has not signed in must be refused")


def check_signed_in_allowed(client):
    """After signing in, GET /account shows the user"""
    expect_status(sign_in(client), 200)
    response = client.get("/account")
    expect_status(response, 200)
    expect_json(response, {"user": USERNAME})


def check_wrong_password_refused(client):
    """A wrong password does not open the account"""
    expect_status(sign_in(client, PASSWORD + "x"), 401)
    expect_refused(client.get("/account"), "A failed sign-in must not give access to /account")


def check_logout(client):
    """POST /logout ends the session"""
    expect_status(sign_in(client), 200)
    expect_status(client.get("/account"), 200)
    response = client.post("/logout")
    expect_status(response, 200)
    expect_json(response, {"ok": True})
    expect_refused(client.get("/account"), "After logging out, /account must be refused again")


def check_forged_cookie_refused(client):
    """A session cookie the app did not sign does not open /account"""
    expect_status(sign_in(client), 200)
    names = sorted(client.cookies)
    expect(
        names,
        "Signing in must store the user in the session (session[\"user\"] = username), which sends a session cookie",
        expected="a session cookie after POST /login",
        actual="no cookie after signing in",
    )
    # Keep each cookie's name but spoil its signature: Flask then loads an empty session, as for a visitor
    # who never signed in, so only a decorator that looks at what the session holds refuses it.
    client.cookies = {name: client.cookies[name][:-6] + ("AAAAAA" if not client.cookies[name].endswith("AAAAAA") else "BBBBBB") for name in names}
    expect_refused(
        client.get("/account"),
        "A request whose session cookie is forged (its signature does not match, so Flask gives the view an empty session) "
        "must be refused: check that the session holds a user (\"user\" in session), not that a cookie was sent",
    )


# ---- The source: a reusable decorator ----------------------------------------------------------


def check_view_name_kept(client):
    """login_required keeps the view's name (functools.wraps)"""
    definition = decorator()
    names, attributes = view_references(definition)
    wrapper_names = {node.name for node in wrappers(definition) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    applied = []
    for node in ast.walk(definition):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in wrapper_names:
            # @functools.wraps(view) on the inner function
            applied.extend(d for d in node.decorator_list if isinstance(d, ast.Call) and resolved(d.func) == "functools.wraps" and d.args and mentions_view(d.args[0], names, attributes))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and resolved(node.func.func) == "functools.wraps":
            # functools.wraps(view)(wrapped)
            if node.func.args and mentions_view(node.func.args[0], names, attributes) and node.args:
                applied.append(node)
        elif isinstance(node, ast.Call) and resolved(node.func) == "functools.update_wrapper" and len(node.args) >= 2:
            # functools.update_wrapper(wrapped, view) / update_wrapper(self, view)
            if mentions_view(node.args[1], names, attributes):
                applied.append(node)
    mentioned = [node for node in ast.walk(definition) if isinstance(node, ast.Call) and resolved(node.func) in ("functools.wraps", "functools.update_wrapper")]
    thrown_away = [node.value for node in ast.walk(definition) if isinstance(node, ast.Expr) and node.value in mentioned and resolved(node.value.func) == "functools.wraps"]
    if thrown_away:
        why = " (functools.wraps(view) on a line of its own builds a decorator and throws it away)"
    elif mentioned:
        why = " (give functools.wraps the view, the function login_required receives)"
    else:
        why = ""
    expect(
        applied,
        "login_required must copy the view's name onto the function it returns: put @functools.wraps(view) on the inner function"
        + why
        + ". Without it every protected view is named 'wrapped', and Flask refuses a second one with the same endpoint name",
        expected="@functools.wraps(view) on the inner function",
        actual=[ast.unparse(node) for node in mentioned] or "no functools.wraps (or update_wrapper) in login_required",
    )


def check_passes_url_arguments(client):
    """login_required works for any view: URL arguments reach the view"""
    definition = decorator()
    inner = wrappers(definition)
    expect(
        inner,
        "login_required must return a new function that checks the session and then calls the view",
        expected="def wrapped(*args, **kwargs): ... return view(*args, **kwargs)",
        actual="login_required defines no inner function",
    )
    names, attributes = view_references(definition)
    calls = [(function, call) for function in inner for call in view_calls(function, names, attributes)]
    expect(
        calls,
        "The function login_required returns must call the view it protects once the user is signed in: return view(*args, **kwargs)",
        expected="return view(*args, **kwargs)",
        actual=[f"{getattr(function, 'name', 'lambda')}({ast.unparse(function.args)})" for function in inner],
    )
    dropped = [(function, call) for function, call in calls if not forwards_keywords(call, function)]
    if dropped:
        function, call = dropped[0]
        expect(
            False,
            "The function login_required returns must accept the view's URL arguments and pass them on (Flask passes them as "
            "keywords), so it works for a view such as /notes/<int:note_id> too: def wrapped(*args, **kwargs): ... return view(*args, **kwargs)",
            expected="def wrapped(*args, **kwargs): ... return view(*args, **kwargs)",
            actual=f"{getattr(function, 'name', 'lambda')}({ast.unparse(function.args)}) calls {ast.unparse(call)}",
        )


def check_account_uses_the_decorator(client):
    """GET /account is protected by @login_required, under the route decorator"""
    decorator()
    views = [node for node in ast.walk(syntax_tree()) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(is_route(d, "/account") for d in node.decorator_list)]
    registered = [node for node in ast.walk(syntax_tree()) if isinstance(node, ast.Call) and node.func.__class__ is ast.Attribute and node.func.attr == "add_url_rule" and is_route(node, "/account")]
    if registered and not views:
        for call in registered:
            view = next((k.value for k in call.keywords if k.arg == "view_func"), call.args[2] if len(call.args) > 2 else None)
            expect(
                isinstance(view, ast.Call) and is_login_required(view.func),
                "Register /account with the protected view: app.add_url_rule(\"/account\", view_func=login_required(account))",
                expected="view_func=login_required(account)",
                actual=ast.unparse(call),
            )
        return
    expect(views, "Keep the view for GET /account, registered with @app.get(\"/account\")", expected='@app.get("/account")', actual="no view for /account")
    for view in views:
        order = view.decorator_list
        route_at = next(i for i, d in enumerate(order) if is_route(d, "/account"))
        guard_at = next((i for i, d in enumerate(order) if is_login_required(d)), None)
        written = [f"@{ast.unparse(d)}" for d in order]
        expect(
            guard_at is not None,
            f"Protect {view.name} with the decorator: add @login_required under @app.get(\"/account\") instead of checking the session inside the view",
            expected=['@app.get("/account")', "@login_required"],
            actual=written,
        )
        expect(
            guard_at > route_at,
            "@login_required must sit under @app.get(\"/account\"): decorators apply from the bottom up, so above it Flask "
            "registers the unprotected view",
            expected=['@app.get("/account")', "@login_required"],
            actual=written,
        )


NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def own_nodes(function):
    """The nodes of function's body, leaving out the bodies of functions and lambdas defined inside it (they run
    only when called, so a return or raise written there does not end the request by itself)."""
    todo = list(function.body) if isinstance(function.body, list) else [function.body]
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, NESTED):
            todo.extend(ast.iter_child_nodes(node))


def is_abort(node):
    return isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == "abort"


def can_refuse(name, seen):
    """Whether the top-level function called name can end the request: it raises or calls abort(), directly or
    through the top-level functions it calls (seen holds the names already looked at)."""
    if name in seen:
        return False
    seen.add(name)
    function = next((node for node in syntax_tree().body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name), None)
    if function is None:
        return False
    return any(
        isinstance(node, ast.Raise)
        or is_abort(node)
        or (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and can_refuse(node.func.id, seen))
        for node in own_nodes(function)
    )


def refusals(function):
    """What in function can end the request without the view: return (not of the view), raise, abort(...), or a call
    of a top-level function of the file that raises or aborts (current_user() that aborts when no one signed in)."""
    found = []
    for node in own_nodes(function):
        if isinstance(node, (ast.Raise, ast.Return)) or is_abort(node):
            found.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and can_refuse(node.func.id, set()):
            found.append(node)
    return found


def guarded(call, function):
    """Whether call sits under a condition inside function (if, x if c else y, c and call(...), a loop)."""
    parents = {}
    for node in ast.walk(function):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    node = call
    while node in parents and node is not function:
        parent = parents[node]
        if isinstance(parent, (ast.If, ast.While)) and node is not parent.test:
            return True
        if isinstance(parent, ast.IfExp) and node is not parent.test:
            return True
        if isinstance(parent, ast.BoolOp) and node is not parent.values[0]:
            return True
        node = parent
    return False


def check_checks_before_view(client):
    """login_required checks the session before it calls the view"""
    definition = decorator()
    names, attributes = view_references(definition)
    for function in wrappers(definition):
        calls = view_calls(function, names, attributes)
        if not calls or isinstance(function, ast.Lambda):
            continue
        first = min(calls, key=lambda call: (call.lineno, call.col_offset))
        earlier = [node for node in refusals(function) if (node.lineno, node.col_offset) < (first.lineno, first.col_offset) and not any(c in calls for c in ast.walk(node))]
        expect(
            guarded(first, function) or earlier,
            "login_required must check the session before it calls the view: refuse first (if \"user\" not in session: "
            "return the 401), then call the view. Run the other way round, the view's work (saving, deleting, sending) is "
            "done for a visitor who is then refused",
            expected='if "user" not in session: return {"error": "Sign in first"}, 401 ... return view(*args, **kwargs)',
            actual=f"{ast.unparse(first)} on line {first.lineno} runs before any check",
        )
