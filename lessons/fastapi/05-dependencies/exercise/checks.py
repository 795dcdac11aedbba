"""Checks for the dependencies exercise.

HTTP shows that both endpoints answer with the token's user and refuse a bad token. It cannot show
where an endpoint got its user: an endpoint that reads X-Token itself answers the same, but a test's
app.dependency_overrides[get_current_user] (or a fix to the token check) never reaches it. That is
read from the submitted source (never run here): each endpoint takes a parameter declared with
Depends(get_current_user), directly, through an Annotated alias, or through another dependency.
"""

import ast

from crossroads_checks import dotted_name, expect, expect_json, expect_status, fresh_word, shuffled, syntax_tree

# The starter's TOKENS and NOTES.
USERS = {"t-ada": "ada", "t-grace": "grace"}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}
REFUSED = {"detail": "Invalid or missing token"}
DEPENDENCY = "get_current_user"
ENDPOINTS = {"/me": "GET /me", "/notes": "GET /notes"}


# ---- Reading the source ------------------------------------------------------------------------


def imports():
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
    origin = imports().get(first)
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
        expanded = []
        for part in parts:
            expanded.append(part)
            for node in ast.walk(part):
                if isinstance(node, ast.Name) and node.id in known:
                    expanded.append(known[node.id])
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


def depends_on(function, wanted, seen=()):
    """The parameters of function that get their value from wanted (directly or through other dependencies)."""
    functions = module_functions()
    found = []
    for name, expressions in parameters(function):
        for dependency in dependencies_of(expressions):
            if dependency == wanted or (dependency in functions and dependency not in seen and depends_on(functions[dependency], wanted, (*seen, dependency))):
                found.append(name)
    return found


def endpoints(path):
    """Functions registered for path with a decorator such as @app.get(path) or @router.get(path)."""
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and decorator.args and isinstance(decorator.args[0], ast.Constant) and decorator.args[0].value == path:
                    found.append(node)
    return found


# ---- HTTP --------------------------------------------------------------------------------------


def check_me_with_token(client):
    """GET /me with a valid X-Token returns that token's user"""
    for token, username in shuffled(USERS.items()):
        response = client.get("/me", headers={"X-Token": token})
        expect_status(response, 200)
        expect_json(response, {"username": username})


def check_notes_use_user(client):
    """GET /notes returns the token owner's notes"""
    for token, username in shuffled(USERS.items()):
        response = client.get("/notes", headers={"X-Token": token})
        expect_status(response, 200)
        expect_json(response, {"owner": username, "notes": NOTES[username]})


def check_missing_token(client):
    """Both endpoints refuse a missing token with the same 401"""
    for path in shuffled(["/me", "/notes"]):
        response = client.get(path)
        expect_status(response, 401)
        expect_json(response, REFUSED)


def check_unknown_token(client):
    """Both endpoints refuse an unknown token with the same 401"""
    for token in shuffled([f"t-{fresh_word()}", "T-ADA", fresh_word()]):
        for path in shuffled(["/me", "/notes"]):
            response = client.get(path, headers={"X-Token": token})
            expect_status(response, 401)
            expect_json(response, REFUSED)


# ---- The source: both endpoints take the user from the dependency ------------------------------


def check_endpoints_use_dependency(client):
    """Both endpoints take the user from Depends(get_current_user), so a test can override it"""
    expect(
        DEPENDENCY in module_functions(),
        f"Define the dependency as a function named {DEPENDENCY} at the top level of main.py",
        expected=f"def {DEPENDENCY}(...)",
        actual=f"no function named {DEPENDENCY}",
    )
    for path, label in ENDPOINTS.items():
        functions = endpoints(path)
        expect(functions, f"Keep the endpoint for {label}", expected=f'@app.get("{path}")', actual=f"no endpoint for {path}")
        for function in functions:
            signature = f"def {function.name}({ast.unparse(function.args)})"
            expect(
                depends_on(function, DEPENDENCY),
                f"{label} must get its user from the dependency, so that app.dependency_overrides[{DEPENDENCY}] reaches it: "
                f"declare a parameter such as `user: Annotated[dict, Depends({DEPENDENCY})]`",
                expected=f"def {function.name}(user: Annotated[dict, Depends({DEPENDENCY})])",
                actual=signature,
            )
            header_params = [name for name, expressions in parameters(function) if any(isinstance(n, ast.Call) and last_name(n.func) in ("Header", "APIKeyHeader") for e in expressions for n in ast.walk(e))]
            reads_headers = any(isinstance(n, ast.Attribute) and n.attr == "headers" for n in ast.walk(function))
            expect(
                not header_params and not reads_headers,
                f"{label} reads the token itself: leave X-Token to {DEPENDENCY} and take only the user in the endpoint",
                expected=f"def {function.name}(user: Annotated[dict, Depends({DEPENDENCY})])",
                actual=signature,
            )
