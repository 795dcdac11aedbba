"""Django 16: the request-id middleware, the domain-error handler and the profile receiver, all checked over
HTTP with ids, names and amounts made up for this run. The given routes expose what the checks need: /ping/
answers request.request_id, /users/<id>/profile/ tells whether a profile exists. Two facts come from the
submitted source, read in the checks' own sandbox: the given views are as in the starter (so a refusal or a
profile cannot be made inside them instead of in the middleware and the receiver), and a post_save receiver
is connected."""

import ast
import random
import re
import string

from crossroads_checks import dotted_name, django_view_for, expect, expect_json, fresh_int, fresh_word, syntax_tree

# ---- The given views must be as in the starter: the checks read the results through them -------------

GIVEN_SOURCE = '''
@require_GET
def ping(request):
    return JsonResponse({"ok": True, "request_id": getattr(request, "request_id", None)})


@require_POST
def sign_up(request):
    data = json.loads(request.body)
    user = User.objects.create_user(username=data["username"], password=data["password"])
    return JsonResponse({"id": user.pk, "username": user.username}, status=201)


@require_POST
def invite(request):
    user = User(username=json.loads(request.body)["username"])
    user.set_unusable_password()
    user.save()
    return JsonResponse({"id": user.pk, "username": user.username}, status=201)


@require_POST
def rename(request, user_id):
    user = get_object_or_404(User, pk=user_id)
    user.username = json.loads(request.body)["username"]
    user.save()
    return JsonResponse({"id": user.pk, "username": user.username})


def profile(request, user_id):
    user = get_object_or_404(User, pk=user_id)
    found = Profile.objects.filter(user=user).first()
    if request.method == "DELETE" and found is not None:
        found.delete()
        return JsonResponse({"deleted": True})
    if found is None:
        return JsonResponse({"error": f"{user.username} has no profile"}, status=404)
    return JsonResponse({"user": user.pk, "credit": found.credit})


@require_POST
def spend(request, user_id):
    found = get_object_or_404(Profile, user_id=user_id)
    amount = json.loads(request.body)["amount"]
    if not isinstance(amount, int) or amount <= 0:
        raise InvalidAmount(f"The amount must be a whole number above 0, not {amount!r}")
    if amount > found.credit:
        raise NotEnoughCredit(f"Only {found.credit} credit left, {amount} asked")
    Profile.objects.filter(pk=found.pk).update(credit=F("credit") - amount)
    found.refresh_from_db()
    return JsonResponse({"credit": found.credit})


@require_GET
def boom(request):
    raise RuntimeError("A bug, not a refusal: this must stay a 500")
'''
GIVEN_ROUTES = {"/ping/": "ping", "/users/": "sign_up", "/invite/": "invite", "/users/1/rename/": "rename",
                "/users/1/profile/": "profile", "/users/1/spend/": "spend", "/boom/": "boom"}


def shape(definition):
    """A definition's AST without docstrings (comments and formatting are not in the AST)."""
    copy = ast.parse(ast.unparse(definition)).body[0]
    body = copy.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        copy.body = body[1:]
    return ast.dump(copy)


def given_code_changes():
    expected = {node.name: shape(node) for node in ast.parse(GIVEN_SOURCE).body}
    tree = syntax_tree()
    problems = []
    for name, wanted in expected.items():
        bound = [node for node in ast.walk(tree) if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name)
                 or (isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and any(
                     isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store) and t.id == name for t in ast.walk(node)))
                 or (isinstance(node, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name) == name for a in node.names))]
        if not bound:
            problems.append(f"the given view {name} is missing")
        elif len(bound) > 1:
            problems.append(f"{name} is defined more than once (lines {', '.join(str(node.lineno) for node in bound)})")
        elif not (isinstance(bound[0], ast.FunctionDef) and bound[0] in tree.body and shape(bound[0]) == wanted):
            problems.append(f"the given view {name} (line {bound[0].lineno}) is not as in the starter")
    for url, name in GIVEN_ROUTES.items():
        view = django_view_for(url)
        if not (isinstance(view, ast.Name) and view.id == name):
            problems.append(f"urlpatterns must route {url} to the given {name} itself, as in the starter")
    return problems


def connects_post_save():
    """A receiver(post_save, ...) / receiver([post_save, ...]) call or a post_save.connect(...) call, aliases included."""
    tree = syntax_tree()
    aliases = {"post_save"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            aliases.update(a.asname or a.name for a in node.names if a.name == "post_save")

    def is_post_save(node):
        return (isinstance(node, ast.Name) and node.id in aliases) or (isinstance(node, ast.Attribute) and node.attr == "post_save")

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr == "connect" and is_post_save(node.func.value):
            return True
        signal = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "signal"), None)
        if signal is not None and dotted_name(node.func).split(".")[-1] == "receiver":
            if is_post_save(signal) or (isinstance(signal, (ast.List, ast.Tuple)) and any(is_post_save(e) for e in signal.elts)):
                return True
    return False


def check_given_code_unchanged(client):
    """The given views and their routes are as in the starter (the checks read the results through them)"""
    problems = given_code_changes()
    expect(not problems, "The checks create users and read profiles, ids and refusals through the given views, so your work has to "
           "happen in the middleware, the receiver and the import view, not inside them. In your file, " + "; ".join(problems) + ". "
           "Put the given views back as they are in the starter (copy your own code first: \"Reset to starter\" replaces all of it).",
           expected="the given views unchanged", actual="; ".join(problems))

VALID = re.compile(r"[A-Za-z0-9-]{8,64}")
ID_CHARS = string.ascii_letters + string.digits + "-"
_random = random.SystemRandom()


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(_random.choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def with_hyphen(length):
    """length letters, digits and hyphens, at least one of them a hyphen."""
    chars = [_random.choice(ID_CHARS) for _ in range(length)]
    chars[_random.randint(1, length - 2)] = "-"
    return "".join(chars)


def valid_request_ids():
    """Valid ids: 8 to 64 letters, digits and hyphens; the two edge lengths and a UUID-shaped one, new every run."""
    uuid_like = "-".join("".join(_random.choice("0123456789abcdef") for _ in range(n)) for n in (8, 4, 4, 4, 12))
    return _random.sample([with_hyphen(8), with_hyphen(64), uuid_like, with_hyphen(_random.randint(9, 63))], 4)


def invalid_request_ids():
    """Ids a client (or an attacker) might send that must not be reused, different every run."""
    letters = string.ascii_letters + string.digits
    word = "".join(_random.choice(letters) for _ in range(_random.randint(8, 20)))
    return [
        with_hyphen(7),  # one too short
        with_hyphen(65),  # one too long
        "".join(_random.choice(letters) for _ in range(_random.randint(66, 120))),  # far too long
        word[:4] + _random.choice(" <>;\"'./,:=") + word[4:],  # a character outside letters, digits and hyphens
        word[:3] + "_" + word[3:],  # an underscore: \w matches it, but it is not a letter, a digit or a hyphen
        f"{word}<script>alert({fresh_int()})</script>",
    ]


def request_id(response):
    value = response.headers.get("X-Request-ID")
    expect(value is not None, f"Every response carries an X-Request-ID header, but the answer to {response.request} has none",
           expected="X-Request-ID: <an id>", response=response)
    return value


def expect_valid_new_id(response, sent=None):
    value = request_id(response)
    if sent is not None:
        expect(value != sent, f"The request sent X-Request-ID {sent!r} ({len(sent)} characters), which is not valid, and the response "
               "echoed it back. Reuse an incoming id only when the whole of it is 8 to 64 letters, digits or hyphens "
               "(re.fullmatch, not re.match, which only looks at the start; [A-Za-z0-9-], not \\w, which also matches _); otherwise make a new one. An id copied unchecked into "
               "logs and headers lets a client inject whatever text it likes.", expected="a new id", actual=f"X-Request-ID: {value}")
    expect(VALID.fullmatch(value) is not None, f"The X-Request-ID your middleware made up is {value!r}: a new id must itself be "
           "valid (8 to 64 letters, digits or hyphens; uuid.uuid4().hex or str(uuid.uuid4()) both are)",
           expected="X-Request-ID: 3f2a9c... (8 to 64 letters, digits, hyphens)", actual=f"X-Request-ID: {value}")
    return value


def no_crash(response):
    """A 500 from a given route means the learner's middleware or receiver broke every request of that kind."""
    expect(response.status != 500, f"{response.request} crashed with 500. If every request does, look at your middleware: __call__ "
           "(and process_response) must end with return response; a middleware that returns None breaks every request. "
           "If only requests that create users crash, look at your receiver: it must be a post_save one (a pre_save receiver runs "
           "before the user has an id, so it cannot make the user's profile).", expected="no 500", response=response)


def ping(client, headers=None):
    response = client.get("/ping/", headers=headers or {})
    no_crash(response)
    expect(response.status == 200, "The given GET /ping/ answers 200 (keep that view as it is)", expected="200", response=response)
    return response, expect_json(response)


def new_user(client, route="/users/"):
    username = fresh_word() + str(fresh_int(100, 99999))
    response = client.post(route, json={"username": username, "password": fresh_word() + "-Pw1"}, headers=csrf_headers(client))
    no_crash(response)
    expect(response.status == 201, f"The given POST {route} creates a user: it must answer 201 (keep that view as it is)",
           expected="201", response=response)
    return expect_json(response)["id"], username


def get_profile(client, user_id):
    return client.get(f"/users/{user_id}/profile/")


def check_new_id_when_none_sent(client):
    """A request without X-Request-ID gets a new, valid id in the response header and in request.request_id"""
    first, body = ping(client)
    value = expect_valid_new_id(first)
    expect(body.get("request_id") == value, "Set request.request_id to the id before calling get_response: the given /ping/ view "
           "answers it, and it must be the same id as the response header", expected={"ok": True, "request_id": value}, response=first)
    second, _ = ping(client)
    other = expect_valid_new_id(second)
    expect(other != value, "Two requests got the same X-Request-ID: make a new id for every request (inside __call__, not once in "
           "__init__ or at import time, which run once for the whole process)", expected="a different id per request",
           actual=f"{value} twice")


def check_valid_incoming_id_reused(client):
    """A valid incoming X-Request-ID is reused, in the header and in request.request_id"""
    for sent in valid_request_ids():
        response, body = ping(client, {"X-Request-ID": sent})
        value = request_id(response)
        expect(value == sent, f"The request sent the valid X-Request-ID {sent!r} ({len(sent)} letters, digits and hyphens): reuse it, "
               "so the id a load balancer or another service gave this request follows it through your logs",
               expected=f"X-Request-ID: {sent}", actual=f"X-Request-ID: {value}")
        expect(body.get("request_id") == sent, "request.request_id holds the incoming id too",
               expected={"ok": True, "request_id": sent}, response=response)


def check_invalid_incoming_id_replaced(client):
    """An incoming X-Request-ID that is too short, too long or has other characters is replaced by a new one"""
    for sent in invalid_request_ids():
        response, body = ping(client, {"X-Request-ID": sent})
        value = expect_valid_new_id(response, sent)
        expect(body.get("request_id") == value, "request.request_id is the id the response header carries",
               expected={"ok": True, "request_id": value}, response=response)


def check_id_on_every_response(client):
    """Redirects, 404s, CSRF refusals and 500s carry X-Request-ID too (the middleware sits near the top of MIDDLEWARE)"""
    sent = with_hyphen(_random.randint(8, 64))
    redirect = client.get("/ping", headers={"X-Request-ID": sent})
    expect(redirect.status == 301, "GET /ping (no slash) is redirected to /ping/ by CommonMiddleware", expected="301", response=redirect)
    expect(redirect.headers.get("X-Request-ID") is not None, "CommonMiddleware answered GET /ping with a redirect to /ping/, and that "
           "response has no X-Request-ID. A middleware only sees the responses of the middleware listed after it: a redirect made "
           "by CommonMiddleware never reaches a middleware placed below it. Put yours first in MIDDLEWARE so it wraps all the others.",
           expected="X-Request-ID: <an id>", response=redirect)
    missing = client.get(f"/{fresh_word()}/")
    expect(missing.status == 404, "An unknown path answers 404", expected="404", response=missing)
    expect_valid_new_id(missing)
    refused = client.post("/users/", json={"username": fresh_word(), "password": fresh_word()})
    expect(refused.status == 403, "A POST without a CSRF token is refused with 403 by CsrfViewMiddleware (keep it in MIDDLEWARE)",
           expected="403", response=refused)
    expect_valid_new_id(refused)
    crashed = client.get("/boom/")
    expect(crashed.status == 500, "GET /boom/ raises RuntimeError, a bug rather than a refusal: it must stay a 500. Return a "
           "response from process_exception only for DomainError, and None for anything else so Django handles it.",
           expected="500", response=crashed)
    expect_valid_new_id(crashed)


def check_domain_error_becomes_json(client):
    """A DomainError raised by a view becomes JSON {"error", "request_id"} with the exception's own 4xx status"""
    user_id, _ = new_user(client)
    profile = get_profile(client, user_id)
    expect(profile.status == 200, "A new user has a profile (the post_save receiver makes it); the spend route needs one",
           expected="200", response=profile)
    credit = expect_json(profile).get("credit")
    amount = credit + fresh_int(1, 500)
    sent = with_hyphen(_random.randint(8, 64))
    response = client.post(f"/users/{user_id}/spend/", json={"amount": amount}, headers={**csrf_headers(client), "X-Request-ID": sent})
    expected = {"error": f"Only {credit} credit left, {amount} asked", "request_id": sent}
    expect(response.status == 409, f"Spending {amount} of {credit} credit raises NotEnoughCredit (status 409). Return a JsonResponse "
           "from process_exception with status=exception.status (a try/except around get_response never sees the view's "
           "exception: Django has already turned it into a 500 response)", expected="409", response=response)
    expect(response.headers.get("Content-Type", "").startswith("application/json"), "The refusal is JSON", expected="application/json",
           response=response)
    expect_json(response, expected)
    expect(response.headers.get("X-Request-ID") == sent, "The JSON refusal carries the request's X-Request-ID header too",
           expected=f"X-Request-ID: {sent}", response=response)
    bad = -fresh_int(0, 50)
    response = client.post(f"/users/{user_id}/spend/", json={"amount": bad}, headers=csrf_headers(client))
    expect(response.status == 400, f"Spending {bad} raises InvalidAmount, whose status is 400: use the exception's own status, "
           "not one fixed number", expected="400", response=response)
    body = expect_json(response)
    wanted = f"The amount must be a whole number above 0, not {bad!r}"
    expect(body.get("error") == wanted and body.get("request_id") == request_id(response),
           "The body holds the exception's message and the request's id", expected={"error": wanted, "request_id": request_id(response)},
           response=response)
    still = expect_json(get_profile(client, user_id)).get("credit")
    expect(still == credit, "A refused spend leaves the credit as it was", expected=credit, actual=still)


def check_profile_for_every_new_user(client):
    """Every new user gets a profile, however the user is created (create_user, save())"""
    for route in ("/users/", "/invite/"):
        user_id, username = new_user(client, route)
        response = get_profile(client, user_id)
        expect(response.status == 200, f"User {username}, created by POST {route}, has no profile. The given views create users in "
               "different ways (create_user, User(...).save()), and the admin or createsuperuser would add more: connect a "
               "post_save receiver for User that creates the Profile, rather than creating it in one view.",
               expected={"user": user_id, "credit": 100}, response=response)
        body = expect_json(response)
        expect(body.get("user") == user_id, "The profile belongs to the new user", expected={"user": user_id, "credit": 100}, response=response)
    expect(connects_post_save(), "Users get profiles, but your file connects no post_save receiver: make the profile in a function "
           "connected with @receiver(post_save, sender=User) or post_save.connect(..., sender=User), so every way of creating a user "
           "(the admin, createsuperuser, scripts) is covered, not only the routes the checks call.",
           expected="a post_save receiver for User", actual="no receiver(post_save, ...) or post_save.connect(...) in main.py")


def check_profile_only_when_created(client):
    """Saving an existing user again (a rename) neither fails nor brings back a deleted profile"""
    user_id, username = new_user(client)
    new_name = fresh_word() + str(fresh_int(100, 99999))
    response = client.post(f"/users/{user_id}/rename/", json={"username": new_name}, headers=csrf_headers(client))
    expect(response.status == 200, f"Renaming {username} saves the user again and failed. post_save fires on every save, not only "
           "the first: create the profile only when the receiver's created argument is True.", expected="200", response=response)
    deleted = client.delete(f"/users/{user_id}/profile/", headers=csrf_headers(client))
    expect(deleted.status != 404, f"User {new_name} (created as {username}, then renamed) has no profile to delete: a new user gets "
           "one from your post_save receiver",
           expected="200", response=deleted)
    expect(deleted.status == 200, "The given DELETE /users/<id>/profile/ removes the profile (keep that view as it is)",
           expected="200", response=deleted)
    response = client.post(f"/users/{user_id}/rename/", json={"username": username + "x"}, headers=csrf_headers(client))
    expect(response.status == 200, "Renaming the user again answers 200", expected="200", response=response)
    again = get_profile(client, user_id)
    expect(again.status == 404, "The profile was deleted, and saving the user again created a new one. Make the profile only when "
           "created is True: a receiver that runs get_or_create on every save also runs a query each time the user is saved "
           "(every login saves last_login).", expected="404: no profile", response=again)


def check_bulk_import_makes_profiles(client):
    """Users added by POST /users/import/ (bulk_create) get profiles too"""
    names = [fresh_word() + str(fresh_int(100, 99999)) for _ in range(fresh_int(2, 4))]
    response = client.post("/users/import/", json={"usernames": names}, headers=csrf_headers(client))
    expect(response.status == 201, "POST /users/import/ answers 201 with the new users' ids", expected={"ids": ["..."]}, response=response)
    ids = expect_json(response).get("ids")
    expect(isinstance(ids, list) and len(ids) == len(names) and all(isinstance(i, int) for i in ids),
           f"POST /users/import/ answers the {len(names)} new ids", expected={"ids": [1, 2]}, response=response)
    for user_id in ids:
        profile = get_profile(client, user_id)
        expect(profile.status == 200, "A user added by bulk_create has no profile: bulk_create (like update() and bulk_update) saves "
               "without sending post_save, so your receiver never ran (and calling save() on the users afterwards sends post_save with "
               "created=False, since the rows already exist). Make the profiles in the import view, e.g. "
               "Profile.objects.bulk_create([Profile(user=user) for user in users]).", expected={"user": user_id, "credit": 100},
               response=profile)
