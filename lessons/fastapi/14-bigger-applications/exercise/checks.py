"""Checks for the bigger-applications exercise.

The app's admin token comes from its settings, which the checks cannot set through the environment: they
use the given PUT /test/settings, which overrides get_settings the way a test does with
app.dependency_overrides, with a token made fresh for each check. Users are created through POST /users
with fresh names; ids come from the responses. Origins the app must refuse are made fresh too. The CORS
front end's origin is the given Settings default, https://shop.example.com. The last check reads the
submitted source (never run here) for what HTTP cannot show: that the routes live on APIRouter objects and
the admin check is declared once, on the admin router.
"""

import ast
import secrets

from crossroads_checks import (
    dotted_name,
    endpoints,
    expect,
    expect_json,
    expect_status,
    find_calls,
    fresh_email,
    fresh_int,
    fresh_title,
    fresh_word,
    keyword_argument,
    last_name,
    syntax_tree,
)

FRONTEND = "https://shop.example.com"
TOKEN_HEADER = "X-Admin-Token"
ID_HEADER = "X-Request-ID"
ADMIN_ADVICE = (
    "Put the check in the admin router's dependencies: APIRouter(prefix=\"/admin\", "
    "dependencies=[Depends(require_admin)]), so every route it holds needs the token"
)
SETTINGS_ADVICE = (
    "Compare the header with settings.admin_token, where settings reaches your dependency as "
    "settings: Annotated[Settings, Depends(get_settings)]. A token written in your code, os.environ, a Settings() "
    "built in the dependency or a settings object read once at import never sees an override of get_settings, "
    "which is how a test (and these checks) give the app a known token"
)


def fresh_token():
    return secrets.token_urlsafe(fresh_int(12, 24))


def use_token(client):
    """Gives the app a fresh admin token through the given PUT /test/settings; returns it."""
    token = fresh_token()
    response = client.put("/test/settings", json={"admin_token": token})
    expect(
        response.status == 200,
        "PUT /test/settings (given: leave it as it is) must answer 200: it overrides get_settings for the checks",
        expected="status 200",
        response=response,
    )
    return token


def create_user(client):
    """Creates a user through POST /users and returns it (with its id)."""
    body = {"name": fresh_title(), "email": fresh_email()}
    response = client.post("/users", json=body)
    location = response.headers.get("Location") or ""
    if response.status in (307, 308) and location.endswith("/users/"):
        # A route declared as @router.post("/") under the prefix /users is served at /users/, and FastAPI
        # redirects /users there; a browser follows with the same body, so the checks do too.
        response = client.post("/users/", json=body)
    expect(
        response.status not in (404, 405),
        f"POST /users answered {response.status}: no route serves it. Give the users router prefix=\"/users\" "
        "(in APIRouter(...) or in app.include_router(...)) and include it with app.include_router",
        expected="status 201 with the new user",
        response=response,
    )
    expect_status(response, 201)
    user = expect_json(response)
    expect(
        isinstance(user.get("id"), int) and user.get("name") == body["name"],
        "POST /users must answer the new user with its id (keep the given body of create_user)",
        expected={**body, "id": "<a number>"},
        response=response,
    )
    return user


def refused(response):
    return response.status in (401, 403)


def check_users_router(client):
    """POST /users and GET /users/{id} work under the /users prefix"""
    user = create_user(client)
    response = client.get(f"/users/{user['id']}")
    expect(
        not (response.status == 404 and '"Not Found"' in response.text),
        f"GET /users/{user['id']} answered 404 Not Found: no route serves it. The users router needs the prefix /users",
        expected=user,
        response=response,
    )
    expect_json(response, user)
    missing = 10**9 + fresh_int()
    expect_status(client.get(f"/users/{missing}"), 404)


def check_every_admin_route_needs_the_token(client):
    """Every /admin route answers 401 without the admin token or with a wrong one"""
    use_token(client)
    user = create_user(client)
    for headers, what in (({}, "without the X-Admin-Token header"), ({TOKEN_HEADER: fresh_token()}, "with a wrong X-Admin-Token")):
        response = client.get("/admin/stats", headers=headers)
        expect(
            response.status != 404,
            "GET /admin/stats answered 404: no route serves it. Give the admin router prefix=\"/admin\" and include it",
            expected="status 401",
            response=response,
        )
        expect(refused(response), f"GET /admin/stats {what} must answer 401. {ADMIN_ADVICE}", expected="status 401", response=response)
        response = client.delete(f"/admin/users/{user['id']}", headers=headers)
        expect(
            refused(response),
            f"DELETE /admin/users/{user['id']} {what} must answer 401, but it answered {response.status}"
            + (" and deleted the user" if response.status in (200, 204) else "")
            + f". The check protects only some admin routes. {ADMIN_ADVICE}",
            expected="status 401",
            response=response,
        )
    still = client.get(f"/users/{user['id']}")
    expect(still.status == 200, "A refused DELETE must leave the user in place", expected=user, response=still)


def check_admin_token_comes_from_the_settings(client):
    """The admin routes accept the token get_settings holds, and only that one"""
    token = use_token(client)
    response = client.get("/admin/stats")
    expect(
        refused(response),
        f"GET /admin/stats answered {response.status} without any {TOKEN_HEADER}: the admin routes are not guarded yet. "
        f"{ADMIN_ADVICE}",
        expected="status 401",
        response=response,
    )
    response = client.get("/admin/stats", headers={TOKEN_HEADER: token})
    expect(
        response.status == 200,
        f"After PUT /test/settings set the admin token to {token!r}, GET /admin/stats with that {TOKEN_HEADER} "
        f"answered {response.status}. {SETTINGS_ADVICE}",
        expected="status 200 with {\"users\": <a number>}",
        response=response,
    )
    counted = expect_json(response)
    expect(isinstance(counted.get("users"), int), "GET /admin/stats must answer {\"users\": <a number>} (keep the given body)",
           expected={"users": "<a number>"}, response=response)
    user = create_user(client)
    response = client.delete(f"/admin/users/{user['id']}", headers={TOKEN_HEADER: token})
    expect_status(response, 204)
    gone = client.get(f"/users/{user['id']}")
    expect(gone.status == 404, f"After DELETE /admin/users/{user['id']} the user must be gone", expected="status 404", response=gone)
    second = use_token(client)
    response = client.get("/admin/stats", headers={TOKEN_HEADER: second})
    expect(
        response.status == 200,
        f"After the token changed again, to {second!r}, GET /admin/stats with it answered {response.status}. {SETTINGS_ADVICE}",
        expected="status 200",
        response=response,
    )
    response = client.get("/admin/stats", headers={TOKEN_HEADER: token})
    expect(
        refused(response),
        "GET /admin/stats still accepts the previous admin token after the settings changed: read "
        "settings.admin_token on every request, through Depends(get_settings), instead of keeping a copy",
        expected="status 401",
        response=response,
    )


def check_request_id_on_every_response(client):
    """Every response carries X-Request-ID: the client's own, or a new one for each request"""
    token = use_token(client)
    user = create_user(client)
    missing = 10**9 + fresh_int()
    requests = [
        ("GET", f"/users/{user['id']}", {}, "an ordinary 200"),
        ("GET", f"/{fresh_word()}/{fresh_word()}", {}, "a 404 for a path no route serves"),
        ("GET", f"/users/{missing}", {}, "a 404 raised by an endpoint"),
        ("GET", "/admin/stats", {}, "a 401 from the admin check"),
        ("DELETE", f"/admin/users/{missing}", {TOKEN_HEADER: token}, "a 404 from an admin route"),
    ]
    for method, path, headers, what in requests:
        sent = f"{fresh_word()}-{fresh_int(1000, 99999)}"
        response = client.request(method, path, headers={**headers, ID_HEADER: sent})
        got = response.headers.get(ID_HEADER)
        expect(
            got is not None,
            f"{method} {path} ({what}, status {response.status}) has no {ID_HEADER} header. A middleware sees every "
            "response, error responses included: add the header whatever the status"
            if response.status >= 400
            else f"{method} {path} has no {ID_HEADER} header: add it in a middleware (@app.middleware(\"http\") or an ASGI class)",
            expected=f"{ID_HEADER}: {sent}",
            response=response,
        )
        expect(
            got == sent,
            f"{method} {path} was sent {ID_HEADER}: {sent} and must answer the same value, so a client can follow its "
            "request through the logs. Make a new id only when the request brings none",
            expected=f"{ID_HEADER}: {sent}",
            actual=f"{ID_HEADER}: {got}",
        )
    first = client.get(f"/users/{user['id']}").headers.get(ID_HEADER)
    second = client.get(f"/users/{user['id']}").headers.get(ID_HEADER)
    expect(
        bool(first) and bool(second) and first != second,
        f"Two requests without {ID_HEADER} must each get a new, non-empty id (uuid.uuid4().hex, for example), made "
        "in the middleware for every request, not once when the module is imported",
        expected="two different ids",
        actual=f"{first!r} and {second!r}",
    )
    sent = f"{fresh_word()}-{fresh_int(1000, 99999)}"
    response = client.options(
        f"/admin/users/{user['id']}",
        headers={"Origin": FRONTEND, "Access-Control-Request-Method": "DELETE", ID_HEADER: sent},
    )
    expect(
        response.headers.get(ID_HEADER) == sent,
        f"The CORS preflight (OPTIONS /admin/users/{user['id']} from {FRONTEND}) was answered without {ID_HEADER}: {sent}. "
        "CORSMiddleware answers preflights itself, without calling what is inside it, and the middleware added last is "
        "the outermost. Add CORSMiddleware first and your request-id middleware after it",
        expected=f"{ID_HEADER}: {sent}",
        response=response,
    )


def preflight(client, path, method, origin, request_headers=None):
    headers = {"Origin": origin, "Access-Control-Request-Method": method}
    if request_headers:
        headers["Access-Control-Request-Headers"] = request_headers
    return client.options(path, headers=headers)


def check_cors_preflight_for_the_front_end(client):
    """A preflight from https://shop.example.com for DELETE with X-Admin-Token, and for POST, is allowed"""
    user = create_user(client)
    path = f"/admin/users/{user['id']}"
    response = preflight(client, path, "DELETE", FRONTEND, "x-admin-token")
    allowed = response.headers.get("Access-Control-Allow-Origin")
    expect(
        allowed is not None,
        f"The preflight OPTIONS {path} from {FRONTEND} got no Access-Control-Allow-Origin header, so the browser would "
        "never send the DELETE. Add CORSMiddleware with allow_origins=[settings.frontend_origin]",
        expected=f"Access-Control-Allow-Origin: {FRONTEND}",
        response=response,
    )
    expect(
        allowed != "*",
        "The preflight answered Access-Control-Allow-Origin: *, which lets every website call the API. Allow only "
        f"the front end: allow_origins=[settings.frontend_origin], which answers {FRONTEND}",
        expected=f"Access-Control-Allow-Origin: {FRONTEND}",
        response=response,
    )
    expect(allowed == FRONTEND, f"The preflight must allow exactly {FRONTEND}", expected=f"Access-Control-Allow-Origin: {FRONTEND}", response=response)
    expect(
        response.status == 200,
        f"The preflight for DELETE {path} with the header X-Admin-Token was refused ({response.status}: "
        f"{response.text.strip()}). List the method in allow_methods and the header in allow_headers: CORSMiddleware "
        "allows only GET and a few standard headers by default",
        expected="status 200, OK",
        response=response,
    )
    methods = [m.strip().upper() for m in response.headers.get("Access-Control-Allow-Methods", "").split(",")]
    headers = [h.strip().lower() for h in response.headers.get("Access-Control-Allow-Headers", "").split(",")]
    expect("DELETE" in methods, "The preflight must list DELETE in Access-Control-Allow-Methods", expected="DELETE among the methods", response=response)
    expect(
        "x-admin-token" in headers,
        "The preflight must list X-Admin-Token in Access-Control-Allow-Headers",
        expected="X-Admin-Token among the headers",
        response=response,
    )
    response = preflight(client, "/users", "POST", FRONTEND, "content-type")
    expect(
        response.status == 200 and response.headers.get("Access-Control-Allow-Origin") == FRONTEND,
        f"The preflight for POST /users (a JSON body) from {FRONTEND} must be allowed: add POST to allow_methods",
        expected=f"status 200 with Access-Control-Allow-Origin: {FRONTEND}",
        response=response,
    )
    response = client.get(f"/users/{user['id']}", headers={"Origin": FRONTEND})
    expect(
        response.headers.get("Access-Control-Allow-Origin") == FRONTEND,
        f"GET /users/{user['id']} from {FRONTEND} must answer Access-Control-Allow-Origin: {FRONTEND}, or the page "
        "cannot read it",
        expected=f"Access-Control-Allow-Origin: {FRONTEND}",
        response=response,
    )


def check_cors_refuses_other_origins(client):
    """Other origins, http://shop.example.com included, get no Access-Control-Allow-Origin"""
    user = create_user(client)
    others = [f"https://{fresh_word()}.example.net", "http://shop.example.com", f"https://shop.example.com.{fresh_word()}.net"]
    for origin in others:
        response = preflight(client, f"/admin/users/{user['id']}", "DELETE", origin, "x-admin-token")
        allowed = response.headers.get("Access-Control-Allow-Origin")
        expect(
            allowed is None,
            f"A preflight from {origin}, a site that is not the front end, was answered Access-Control-Allow-Origin: {allowed}. "
            + (
                "allow_origins=[\"*\"] with allow_credentials=True echoes every origin that asks, so any website could use "
                "a visitor's credentials. "
                if allowed == origin
                else ""
            )
            + f"List only the front end's origin, {FRONTEND}: scheme, host and port must all match",
            expected="no Access-Control-Allow-Origin header",
            response=response,
        )
        response = client.get(f"/users/{user['id']}", headers={"Origin": origin})
        allowed = response.headers.get("Access-Control-Allow-Origin")
        expect(
            allowed is None,
            f"GET /users/{user['id']} from {origin} was answered Access-Control-Allow-Origin: {allowed}: only {FRONTEND} "
            "may read the API's answers",
            expected="no Access-Control-Allow-Origin header",
            response=response,
        )


def operation(paths, shape, method):
    """The OpenAPI operation for a path (any parameter names) and method, or None."""
    import re

    for path, operations in paths.items():
        if re.sub(r"\{[^}]*\}", "{}", path).rstrip("/") == shape.rstrip("/") and isinstance(operations, dict):
            return operations.get(method)
    return None


def check_docs_show_tags_and_the_401(client):
    """/openapi.json tags the user routes "users" and the admin routes "admin", and documents their 401"""
    response = client.get("/openapi.json")
    expect_status(response, 200)
    paths = expect_json(response).get("paths") or {}
    routes = [("/users", "post", "users"), ("/users/{}", "get", "users"), ("/admin/stats", "get", "admin"), ("/admin/users/{}", "delete", "admin")]
    for shape, method, tag in routes:
        found = operation(paths, shape, method)
        shown = shape.replace("{}", "{user_id}")
        expect(found is not None, f"/openapi.json lists no {method.upper()} {shown}", expected=f"{method.upper()} {shown}", actual=sorted(paths))
        expect(
            tag in (found.get("tags") or []),
            f"{method.upper()} {shown} must carry the tag \"{tag}\" in the docs: give its router tags=[\"{tag}\"]",
            expected=[tag],
            actual=found.get("tags"),
        )
        if tag == "admin":
            expect(
                "401" in (found.get("responses") or {}),
                f"{method.upper()} {shown} must document its 401 answer: give the admin router "
                "responses={401: {\"description\": \"Admin token missing or wrong\"}}",
                expected="a 401 entry among the responses",
                actual=sorted(found.get("responses") or {}),
            )


def _routers():
    """Names bound to APIRouter(...) at any level, with the call."""
    found = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and last_name(node.value.func) == "APIRouter":
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
    return found


def _guards(call):
    """Whether call has dependencies=[...] holding a Depends(...) or Security(...)."""
    value = keyword_argument(call, "dependencies")
    return value is not None and any(
        isinstance(node, ast.Call) and last_name(node.func) in ("Depends", "Security") for node in ast.walk(value)
    )


def _guarded(name, routers, seen=()):
    """Whether the router name, or a router that includes it, declares the dependency for all its routes."""
    if name in seen or name not in routers:
        return False
    if _guards(routers[name]):
        return True
    for call in find_calls("include_router"):
        router = call.args[0] if call.args else keyword_argument(call, "router")
        if isinstance(router, ast.Name) and router.id == name:
            parent = dotted_name(call.func.value) if isinstance(call.func, ast.Attribute) else ""
            if _guards(call) or _guarded(parent, routers, (*seen, name)):
                return True
    return False


def _owners(function):
    """The names of the objects whose route decorators (or add_api_route) serve function."""
    names = [dotted_name(d.func.value) for d in function.decorator_list if isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)]
    for call in find_calls("add_api_route"):
        target = call.args[1] if len(call.args) > 1 else keyword_argument(call, "endpoint")
        if isinstance(target, ast.Name) and target.id == function.name and isinstance(call.func, ast.Attribute):
            names.append(dotted_name(call.func.value))
    return names


def check_routes_live_on_routers(client):
    """The routes are declared on APIRouters, and the admin check once, on the admin router"""
    routers = _routers()
    for path, admin in (("/users", False), ("/users/{id}", False), ("/admin/stats", True), ("/admin/users/{id}", True)):
        functions = endpoints(path) or endpoints(path + "/")  # @users.post("/") under /users serves /users/
        expect(
            bool(functions),
            f"Could not find the function that serves {path} in your code. Declare it with a decorator on a router, "
            f"such as @{'admin' if admin else 'users'}.get(...)",
            expected=f"a route for {path}",
        )
        owners = [name for function in functions for name in _owners(function)]
        expect(
            any(name in routers for name in owners),
            f"{path} is declared on {', '.join(sorted(set(owners))) or 'the app'}, not on an APIRouter. Create the "
            f"{'admin' if admin else 'users'} router with APIRouter(prefix=...) and declare the route on it",
            expected=f"@{'admin' if admin else 'users'}.<method>(...)",
            actual=", ".join(f"@{name}" for name in sorted(set(owners))),
        )
        if admin:
            expect(
                any(_guarded(name, routers) for name in owners if name in routers),
                f"The admin check for {path} is not declared on its router: each admin route repeats it, so the next "
                f"route someone adds is open. {ADMIN_ADVICE} (or app.include_router(admin, dependencies=[...]))",
                expected="dependencies=[Depends(...)] on the admin router or its include_router call",
            )
