"""Checks for the dependencies exercise.

HTTP shows that both endpoints answer with the token's user and refuse a bad token. It cannot show
where an endpoint got its user: an endpoint that reads X-Token itself answers the same, but a test's
app.dependency_overrides[get_current_user] (or a fix to the token check) never reaches it. That is
read from the submitted source (never run here): each endpoint takes a parameter declared with
Depends(get_current_user), directly, through an Annotated alias (aliases of aliases too), or through
another dependency, and its body reads that parameter (a declared but unused dependency answers
nothing); it reads no X-Token of its own (a Header() parameter, or request.headers on a Request;
writing a header on the Response is fine). Endpoints are found
on the app or on an APIRouter (with its prefix and include_router's), with the path given either way.
"""

import ast

from crossroads_checks import (
    depends_on,
    endpoints,
    expect,
    expect_json,
    expect_status,
    fresh_word,
    last_name,
    module_functions,
    parameters,
    shuffled,
    uses_dependency,
)

# The starter's TOKENS and NOTES.
USERS = {"t-ada": "ada", "t-grace": "grace"}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}
REFUSED = {"detail": "Invalid or missing token"}
DEPENDENCY = "get_current_user"
ENDPOINTS = {"/me": "GET /me", "/notes": "GET /notes"}


# Parameter types through which an endpoint can read the request's headers itself.
REQUEST_TYPES = ("Request", "HTTPConnection", "WebSocket")


TOKEN_HEADER = "x-token"


def names_token(key):
    """Whether a header key read in the endpoint may be the token's: X-Token in any case, or a key the
    source does not spell out (a variable)."""
    return not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or key.value.lower().replace("_", "-") == TOKEN_HEADER


def request_header_reads(function):
    """Where the endpoint reads the token from the incoming request's headers itself: request.headers (or
    its scope's "headers") on a parameter typed Request, unless it reads only other named headers
    (request.headers.get("user-agent") for a log line). Setting a header on the response is not reading it."""
    requests = {
        name for name, expressions in parameters(function)
        if any(last_name(node) in REQUEST_TYPES for expression in expressions for node in ast.walk(expression) if isinstance(node, (ast.Name, ast.Attribute)))
    }
    parent = {child: node for node in ast.walk(function) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and node.attr == "headers" and isinstance(node.value, ast.Name) and node.value.id in requests:
            above = parent.get(node)
            if isinstance(above, ast.Subscript) and above.value is node:
                key = above.slice
            elif isinstance(above, ast.Attribute) and above.attr == "get" and isinstance(parent.get(above), ast.Call) and parent[above].args:
                key = parent[above].args[0]
            else:
                key = None  # the headers used whole: they may be searched for the token
            if key is None or names_token(key):
                found.append(f"line {node.lineno}: {ast.unparse(above if key is not None else node)}")
        elif (
            isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "headers"
            and isinstance(node.value, ast.Attribute) and node.value.attr == "scope"
            and isinstance(node.value.value, ast.Name) and node.value.value.id in requests
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def token_header_params(function):
    """Parameters filled from the X-Token header by Header() or APIKeyHeader (named x_token, or aliased to it)."""
    found = []
    for name, expressions in parameters(function):
        for call in (n for e in expressions for n in ast.walk(e) if isinstance(n, ast.Call) and last_name(n.func) in ("Header", "APIKeyHeader")):
            alias = next((k.value for k in call.keywords if k.arg in ("alias", "name")), None)
            if last_name(call.func) == "APIKeyHeader" or (names_token(alias) if alias is not None else names_token(ast.Constant(name))):
                found.append(name)
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
            expect(
                uses_dependency(function, DEPENDENCY),
                f"{label} declares Depends({DEPENDENCY}) but never uses the user it gives: answer from that parameter "
                f"(for example `return user`) instead of looking the token up again, so that an override of {DEPENDENCY} reaches the answer",
                expected=f"def {function.name}(user: Annotated[dict, Depends({DEPENDENCY})]): ... user ...",
                actual=f"{signature}: the body never reads {', '.join(depends_on(function, DEPENDENCY))}",
            )
            header_params = token_header_params(function)
            reads_headers = request_header_reads(function)
            expect(
                not header_params and not reads_headers,
                f"{label} reads the token itself: leave X-Token to {DEPENDENCY} and take only the user in the endpoint",
                expected=f"def {function.name}(user: Annotated[dict, Depends({DEPENDENCY})])",
                actual="; ".join([signature, *reads_headers]),
            )
