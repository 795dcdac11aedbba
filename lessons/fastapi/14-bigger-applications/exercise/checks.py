"""Checks for the bigger-applications exercise.

The app's admin token comes from its settings, which the checks cannot set through the environment: they
use the given PUT /test/settings, which overrides get_settings the way a test does with
app.dependency_overrides, with a token made fresh for each check. Users are created through POST /users
with fresh names; ids come from the responses. Origins the app must refuse are made fresh too. The CORS
front end's origin is the given Settings default, https://shop.example.com. The last check reads the
submitted source (never run here) for what HTTP cannot show: that no route but the given one is declared on
the app, and that the admin routes' router (or its include_router call) holds the admin check, a dependency that
receives the settings through Depends(get_settings), so a route added later is guarded too.
"""

import ast
import re
import secrets

from crossroads_checks import (
    dependency_callables,
    depends_on,
    dotted_name,
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
    "settings: Annotated[Settings, Depends(get_settings)]. An override of get_settings, which is how a test (and these "
    "checks) give the app a known token, reaches only what FastAPI fills in with Depends(get_settings): a token "
    "written in your code, os.environ, a Settings() built in the dependency, get_settings() called by your own code "
    "or a settings object read once at import never sees it"
)
UNAUTHORIZED_NOT_FORBIDDEN = (
    "A missing or wrong token is 401 Unauthorized (\"we do not know who you are\"); 403 Forbidden means the caller "
    "is known and still not allowed. Raise HTTPException(status_code=401, ...)"
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
        expect(response.status == 401, f"GET /admin/stats {what} answered 403. {UNAUTHORIZED_NOT_FORBIDDEN}", expected="status 401",
               response=response)
        response = client.delete(f"/admin/users/{user['id']}", headers=headers)
        expect(
            refused(response),
            f"DELETE /admin/users/{user['id']} {what} must answer 401, but it answered {response.status}"
            + (" and deleted the user" if response.status in (200, 204) else "")
            + f". The check protects only some admin routes. {ADMIN_ADVICE}",
            expected="status 401",
            response=response,
        )
        expect(response.status == 401, f"DELETE /admin/users/{user['id']} {what} answered 403. {UNAUTHORIZED_NOT_FORBIDDEN}",
               expected="status 401", response=response)
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
    """Other origins, http://shop.example.com and look-alikes included, get no Access-Control-Allow-Origin"""
    user = create_user(client)
    others = [
        (f"https://{fresh_word()}.example.net", ""),
        ("http://shop.example.com", ""),
        (f"https://shop.example.com.{fresh_word()}.net", ""),
        # "shop7example.com": what an unescaped allow_origin_regex (a "." matches any character) lets in
        (f"https://shop{fresh_int(0, 9)}example.com",
         "A regular expression in allow_origin_regex must escape its dots (re.escape(settings.frontend_origin)), or a "
         "\".\" matches any character; allow_origins=[settings.frontend_origin] needs no escaping. "),
        # "https://shop.exam": what allow_origins="https://..." (a string, not a list) lets in, since Starlette then
        # tests whether the origin is part of that string
        (FRONTEND[: fresh_int(len("https://shop.e"), len(FRONTEND) - 1)],
         "allow_origins must be a list: allow_origins=[settings.frontend_origin]. Given the string itself, Starlette "
         "allows every origin that is part of that string. "),
    ]
    for origin, cause in others:
        response = preflight(client, f"/admin/users/{user['id']}", "DELETE", origin, "x-admin-token")
        allowed = response.headers.get("Access-Control-Allow-Origin")
        if allowed == origin and not cause:
            cause = ("allow_origins=[\"*\"] with allow_credentials=True echoes every origin that asks, so any website could "
                     "use a visitor's credentials. ")
        expect(
            allowed is None,
            f"A preflight from {origin}, a site that is not the front end, was answered Access-Control-Allow-Origin: {allowed}. "
            + cause
            + f"List only the front end's origin, {FRONTEND}: scheme, host and port must all match",
            expected="no Access-Control-Allow-Origin header",
            response=response,
        )
        response = client.get(f"/users/{user['id']}", headers={"Origin": origin})
        allowed = response.headers.get("Access-Control-Allow-Origin")
        expect(
            allowed is None,
            f"GET /users/{user['id']} from {origin} was answered Access-Control-Allow-Origin: {allowed}: only {FRONTEND} "
            "may read the API's answers" + (f". {cause.strip()}" if cause else ""),
            expected="no Access-Control-Allow-Origin header",
            response=response,
        )


def operation(paths, shape, method):
    """The OpenAPI operation for a path (any parameter names) and method, or None."""
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


ROUTE_DECORATORS = {"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route"}
GIVEN_ROUTES = {"/test/settings"}
ADMIN_ROUTES = ("/admin/stats", "/admin/users/{}")


def _bindings():
    """(name, value) for every `name = value` and `name: type = value` in the file, at any level."""
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            yield node.target.id, node.value


def _text(node):
    """The string node stands for: a constant, or a name bound to one (ADMIN_PREFIX = "/admin"); None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        values = {value.value for name, value in _bindings() if name == node.id and isinstance(value, ast.Constant)}
        if len(values) == 1 and isinstance(next(iter(values)), str):
            return values.pop()
    return None


def _expanded(node, depth=0):
    """node, and what the names inside it are bound to (ADMIN_ONLY = [Depends(...)]; dependencies=ADMIN_ONLY)."""
    yield node
    if depth < 3:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name):
                for name, value in _bindings():
                    if name == inner.id:
                        yield from _expanded(value, depth + 1)


def _routers():
    """Names bound to APIRouter(...) at any level (annotated or not), with the call."""
    return {name: value for name, value in _bindings() if isinstance(value, ast.Call) and last_name(value.func) == "APIRouter"}


def _apps():
    return {name for name, value in _bindings() if isinstance(value, ast.Call) and last_name(value.func) == "FastAPI"}


def _route_declarations():
    """(owner, path or None, node) for each route the file declares: @owner.get(path) and the like, and
    owner.add_api_route(path, ...)."""
    found = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) and decorator.func.attr in ROUTE_DECORATORS:
                    path = decorator.args[0] if decorator.args else keyword_argument(decorator, "path")
                    found.append((dotted_name(decorator.func.value), _text(path), decorator))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_api_route":
            path = node.args[0] if node.args else keyword_argument(node, "path")
            found.append((dotted_name(node.func.value), _text(path), node))
    return found


def _includes():
    """Router name -> [(the name it is included into, the include_router call)]."""
    found = {}
    for call in find_calls("include_router"):
        router = call.args[0] if call.args else keyword_argument(call, "router")
        if isinstance(router, ast.Name) and isinstance(call.func, ast.Attribute):
            found.setdefault(router.id, []).append((dotted_name(call.func.value), call))
    return found


def _served_at(owner, path, routers, includes, seen=()):
    """The full paths a route declared on owner with path is served at (prefixes of the router and of every
    include_router on the way to the app). None where a prefix is not written as text."""
    if owner not in routers:
        return {path}
    own = keyword_argument(routers[owner], "prefix")
    own_text = "" if own is None else _text(own)
    if own_text is None:
        return {None}
    mounts = [(parent, call) for parent, call in includes.get(owner, []) if parent not in seen]
    if not mounts:
        return {own_text + path}
    paths = set()
    for parent, call in mounts:
        prefix = keyword_argument(call, "prefix")
        prefix_text = "" if prefix is None else _text(prefix)
        for full in _served_at(parent, own_text + path, routers, includes, (*seen, owner)):
            paths.add(None if prefix_text is None or full is None else prefix_text + full)
    return paths


def _guard(target):
    """Whether the dependency target is an admin check: a function, a class or an instance of a class whose call
    receives the settings through Depends(get_settings), itself or through its own dependencies. None when the
    file does not show what it is."""
    if isinstance(target, ast.Lambda) or (isinstance(target, ast.Name) and target.id == "get_settings"):
        return False
    if not isinstance(target, ast.Name):
        return None
    callables = dependency_callables()
    if target.id in callables:
        return bool(depends_on(callables[target.id], "get_settings"))
    classes = {node.name: node for node in syntax_tree().body if isinstance(node, ast.ClassDef)}
    for name, value in _bindings():
        if name == target.id and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in classes:
            call = next((item for item in classes[value.func.id].body
                         if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == "__call__"), None)
            return bool(call and depends_on(call, "get_settings"))
    return None


def _dependencies(call):
    """What the dependencies= of an APIRouter(...) or include_router(...) call gives to Depends/Security, as names."""
    value = keyword_argument(call, "dependencies")
    targets = []
    if value is not None:
        for expression in _expanded(value):
            for node in ast.walk(expression):
                if isinstance(node, ast.Call) and last_name(node.func) in ("Depends", "Security"):
                    targets.append(node.args[0] if node.args else keyword_argument(node, "dependency"))
    return targets


def _guarded(name, routers, includes, declared, seen=()):
    """Whether every route of the router name needs the admin check: its own dependencies, those of an
    include_router call that mounts it, or those of a router that includes it. declared collects the
    dependencies met on the way, to name them when none of them is the check."""
    calls = ([routers[name]] if name in routers else []) + [call for parent, call in includes.get(name, [])]
    for call in calls:
        for target in _dependencies(call):
            declared.append(target)
            if _guard(target) is not False:
                return True
    return any(_guarded(parent, routers, includes, declared, (*seen, name))
               for parent, _ in includes.get(name, []) if parent in routers and parent not in seen)


def check_routes_live_on_routers(client):
    """The routes are declared on APIRouters, and the admin check once, on the admin router"""
    routers, apps, includes = _routers(), _apps(), _includes()
    expect(bool(routers), "Your code creates no APIRouter. Create the users and admin routers with APIRouter(prefix=..., tags=[...]) "
           "and declare the routes on them", expected="users = APIRouter(...) and admin = APIRouter(...)")
    declarations = _route_declarations()
    on_app = [f"{dotted_name(node.func)}({path!r})" for owner, path, node in declarations if owner in apps and path not in GIVEN_ROUTES]
    expect(
        not on_app,
        f"{', '.join(on_app)}: still declared on the app, not on a router. Move the user routes onto the users router "
        "and the admin routes onto the admin router (paths relative to the router's prefix), and mount the routers "
        "with app.include_router",
        expected="@users.<method>(...) and @admin.<method>(...)",
        actual=", ".join(on_app),
    )
    admin_owners = {
        owner
        for owner, path, _ in declarations
        if path is not None and owner in routers
        and any(full is not None and re.sub(r"\{[^}]*\}", "{}", full).rstrip("/") in ADMIN_ROUTES
                for full in _served_at(owner, path, routers, includes))
    }
    # When no admin route could be placed (a prefix that is not written as text), any guarded router will do.
    candidates = admin_owners or set(routers)
    declared = []
    guarded = [name for name in sorted(candidates) if _guarded(name, routers, includes, declared)]
    if admin_owners:
        missing = sorted(admin_owners - set(guarded))
    else:
        missing = [] if guarded else sorted(candidates)
    shown = sorted({dotted_name(target) or "a lambda" for target in declared if target is not None})
    expect(
        not missing,
        (f"The dependencies of {', '.join(missing)}, the router that holds the admin routes, hold {', '.join(shown)}, which does not receive the settings "
         "through Depends(get_settings) (itself or through its own dependencies), so it cannot be the check that compares "
         "X-Admin-Token with settings.admin_token. Give the router the dependency that does: "
         "APIRouter(prefix=\"/admin\", dependencies=[Depends(require_admin)]), where require_admin takes "
         "settings: Annotated[Settings, Depends(get_settings)]")
        if shown
        else (f"The admin check is not declared on {', '.join(missing)}, the router that holds the admin routes: a check written "
              f"on each route leaves open the next route someone adds. {ADMIN_ADVICE} (or app.include_router(admin, "
              "dependencies=[...]))"),
        expected="dependencies=[Depends(require_admin)] on the admin router or its include_router call",
    )
