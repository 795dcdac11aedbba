"""Django 15: what the product pages answer, how many queries a repeated GET runs (the given count_queries
wrapper reports it in X-Queries), whether a write shows at once, and which emails an order sends (the given
GET /seed/outbox/ lists the locmem backend's mail.outbox) are checked over HTTP with products made up for
this run. Three facts come from the submitted source, read in the checks' own sandbox: the given code is
unchanged and nothing else reaches into the query log, the connection or the response headers (so what it
reports can be trusted), no email is sent inside a transaction except through transaction.on_commit (an
email sent at the end of the atomic block passes every HTTP check), and the product views use
django.core.cache rather than a dict of the process."""

import ast
import functools
import random
import string

from crossroads_checks import (django_view_code, django_view_for, dotted_name, expect, expect_json, expect_status, fresh_email,
                               fresh_int, fresh_title, syntax_tree)

# ---- The given code must be as in the starter: the checks trust what it reports ----------------------

GIVEN_SOURCE = '''
def count_queries(view):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted(request, *args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            response = view(request, *args, **kwargs)
        response["X-Queries"] = str(len(queries))
        return response

    return counted


def seed_product(request):
    data = json.loads(request.body)
    item = Product.objects.create(name=data["name"], price=data["price"], stock=data["stock"])
    Review.objects.bulk_create([Review(product=item, stars=stars) for stars in data["stars"]])
    return JsonResponse({"id": item.pk}, status=201)


def sent_mail(request):
    from django.core import mail

    wanted = request.GET.get("to")
    sent = [{"to": m.to, "subject": m.subject, "body": m.body} for m in mail.outbox if wanted in m.to]
    return JsonResponse({"emails": sent})
'''
GIVEN_NAMES = ("count_queries", "seed_product", "sent_mail")
# Only the given code may name these: they are how the checks learn what happened.
RESERVED = ("outbox", "CaptureQueriesContext", "queries_log", "count_queries", "counted", "reset_queries", "connection",
            "connections", "force_debug_cursor")
# Ways to change what count_queries reports without caching: rewrite the header it sets, or run the queries after it has
# counted (a streamed body is computed while it is sent, once the wrapper has returned).
COUNTER_TAMPERING = ("__setitem__", "ResponseHeaders", "StreamingHttpResponse", "FileResponse", "streaming_content")


def shape(definition):
    """A definition's AST without its decorators and docstrings (comments are not in the AST)."""
    copy = ast.parse(ast.unparse(definition)).body[0]
    for node in ast.walk(copy):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node.decorator_list = []
            body = node.body
            if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                node.body = body[1:]
    return ast.dump(copy)


def given_code_changes():
    expected = {node.name: shape(node) for node in ast.parse(GIVEN_SOURCE).body}
    tree = syntax_tree()
    problems, given_nodes = [], set()
    for name in GIVEN_NAMES:
        bound = [node for node in ast.walk(tree) if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name)
                 or (isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and any(
                     isinstance(t, ast.Name) and t.id == name for t in ast.walk(node) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)))
                 or (isinstance(node, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name) == name for a in node.names))]
        definitions = [node for node in bound if isinstance(node, ast.FunctionDef) and node in tree.body]
        if not bound:
            problems.append(f"the given {name} is missing")
        elif len(bound) > 1:
            problems.append(f"{name} is defined more than once (lines {', '.join(str(node.lineno) for node in bound)})")
        elif not definitions or shape(definitions[0]) != expected[name]:
            problems.append(f"the given {name} (line {bound[0].lineno}) is not as in the starter")
        for node in definitions:
            given_nodes.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in given_nodes:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "x-queries" in node.value.lower():
            problems.append(f"line {node.lineno} names the X-Queries header, which only the given count_queries may set")
            continue
        word = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            word = next((a.name.rsplit(".", 1)[-1] for a in node.names if a.name.rsplit(".", 1)[-1] in RESERVED), None)
        if word in RESERVED:
            if isinstance(node, ast.Name) and node.id == "count_queries" and is_route_wrapper(node):
                continue
            problems.append(f"line {node.lineno} names {word}, which only the given code may use")
        elif word in COUNTER_TAMPERING or (isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                a.name.rsplit(".", 1)[-1] in COUNTER_TAMPERING for a in node.names)):
            problems.append(f"line {node.lineno} uses {word or 'a streamed or file response'}: the product views answer "
                            "with JsonResponse, so that count_queries sees every query they run")
        elif isinstance(node, ast.Attribute) and node.attr == "headers" and isinstance(node.ctx, ast.Store):
            problems.append(f"line {node.lineno} replaces a response's headers, which count_queries writes to")
    for url in ("/products/", "/products/1/"):
        view = django_view_for(url)
        if not (isinstance(view, ast.Call) and dotted_name(view.func) == "count_queries" and len(view.args) == 1):
            problems.append(f"urlpatterns must route {url} to count_queries(<your view>), as in the starter")
    return problems


@functools.cache
def parents():
    found = {}
    for node in ast.walk(syntax_tree()):
        for child in ast.iter_child_nodes(node):
            found[child] = node
    return found


def is_route_wrapper(name_node):
    """count_queries(...) called inside a path(...) in urlpatterns."""
    call = parents().get(name_node)
    outer = parents().get(call)
    return isinstance(call, ast.Call) and call.func is name_node and isinstance(outer, ast.Call) and dotted_name(outer.func).endswith("path")


def check_given_code_unchanged(client):
    """The given count_queries, seed_product and sent_mail are as in the starter, and /products/ routes go through count_queries"""
    problems = given_code_changes()
    expect(not problems, "The checks learn how many queries a request ran from the given count_queries, and which emails went out "
           "from the given sent_mail. In your file, " + "; ".join(problems) + ". Put the given code back as it is in the starter "
           "(copy your own code first: \"Reset to starter\" replaces all of it) and keep "
           'path("products/", count_queries(...)) and path("products/<int:product_id>/", count_queries(...)) in urlpatterns.',
           expected="the given code unchanged", actual="; ".join(problems))


# ---- Over HTTP ----------------------------------------------------------------------------------------


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def expected_rating(stars):
    return round(sum(stars) / len(stars), 2) if stars else None


def seed(client, name=None, price=None, stock=None, stars=None):
    """A product with reviews, made up for this run and written by the given POST /seed/products/ (no cache involved)."""
    product = {"name": name or fresh_title(), "price": price if price is not None else fresh_int(100, 99999),
               "stock": stock if stock is not None else fresh_int(3, 20),
               "stars": stars if stars is not None else [fresh_int(1, 5) for _ in range(fresh_int(1, 6))]}
    response = client.post("/seed/products/", json=product, headers=csrf_headers(client))
    expect(response.status == 201, "The given POST /seed/products/ saves a product (keep that view as it is)", expected="201", response=response)
    product["id"] = expect_json(response).get("id")
    return product


def shown(product):
    """The product as GET /products/<id>/ should answer it."""
    return {"id": product["id"], "name": product["name"], "price": product["price"], "reviews": len(product["stars"]),
            "rating": expected_rating(product["stars"])}


def same(answer, wanted):
    """Equal, with the rating allowed a rounding difference."""
    if not isinstance(answer, dict) or set(answer) != set(wanted):
        return False
    for key, value in wanted.items():
        got = answer.get(key)
        if key == "rating" and value is not None:
            if not isinstance(got, (int, float)) or abs(got - value) > 0.006:
                return False
        elif got != value:
            return False
    return True


def queries(response):
    value = response.headers.get("X-Queries")
    return int(value) if value is not None and value.isdigit() else None


def get_detail(client, product_id):
    response = client.get(f"/products/{product_id}/")
    expect_status(response, 200)
    return response, expect_json(response)


def get_list(client, sort=None):
    response = client.get("/products/" + (f"?sort={sort}" if sort else ""))
    expect_status(response, 200)
    body = expect_json(response)
    items = body.get("products")
    expect(isinstance(items, list) and all(isinstance(item, dict) for item in items), 'The list answers {"products": [...]}',
           expected={"products": [{"id": 1, "name": "...", "price": 100, "reviews": 0, "rating": None}]}, response=response)
    return response, items


LIST_SORTS = ("name", "price", None)  # None: GET /products/ without ?sort=, which is the name order
DEFAULT_SORT_HINT = (" GET /products/ without ?sort= is the same list as ?sort=name: build the key from the sort the view "
                     "settled on, not from the URL, so that one delete covers both.")


def list_url(sort):
    return f"/products/?sort={sort}" if sort else "/products/ (no ?sort=)"


def check_detail_content(client):
    """GET /products/<id>/ answers the product with its number of reviews and average rating"""
    for stars in ([fresh_int(1, 5) for _ in range(fresh_int(2, 7))], []):
        product = seed(client, stars=stars)
        response, body = get_detail(client, product["id"])
        wanted = shown(product)
        other = isinstance(body, dict) and body.get("id") not in (None, product["id"])
        expect(same(body, wanted), "GET /products/<id>/ shows the product: its id, name, price, number of reviews and average stars "
               "(rounded to 2 decimals; null without reviews)." + (" It answered another product: the cache key must include the "
               "product's id (f\"product:{product_id}\"), or every product shares one entry." if other else ""),
               expected=wanted, response=response)


def check_detail_second_get_runs_no_query(client):
    """A second GET /products/<id>/ answers from the cache: no SQL query, the same answer"""
    product = seed(client)
    first, first_body = get_detail(client, product["id"])
    second, second_body = get_detail(client, product["id"])
    expect(second_body == first_body, "Two GETs of the same product in a row give the same answer", expected=first_body, response=second)
    count = queries(second)
    expect(count == 0, f"The second GET /products/{product['id']}/ ran {count} SQL queries: the rating was computed again. Keep the "
           "answer in Django's cache the first time (cache.get, and cache.set on a miss, or cache.get_or_set with a function) and "
           "answer the next GET from there. A timeout of 0 stores nothing, and cache.get_or_set(key, compute(...)) still "
           "runs compute(...) on every request: pass the function itself.",
           expected="X-Queries: 0 on the second GET", actual=f"X-Queries: {second.headers.get('X-Queries')}")


def relative_order(items, products):
    ids = [product["id"] for product in products]
    return [item.get("id") for item in items if item.get("id") in ids]


def check_list_sorted_by_name_and_by_price(client):
    """GET /products/?sort=name and ?sort=price list the products in that order: the cache key includes the sort"""
    names = sorted(fresh_title() for _ in range(3))
    prices = sorted((fresh_int(100, 99999) for _ in range(3)), reverse=True)  # the cheapest has the last name
    products = [seed(client, name=name, price=price) for name, price in zip(names, prices)]
    for sort, wanted in (("name", products), ("price", products[::-1]), (None, products)):
        response, items = get_list(client, sort)
        asked = f"?sort={sort}" if sort else "without ?sort="
        for product in products:
            entry = next((item for item in items if item.get("id") == product["id"]), None)
            expect(entry is not None and same(entry, shown(product)), f"GET /products/ {asked} lists every product as the detail shows it",
                   expected=shown(product), actual=entry or f"no product with id {product['id']} in the list")
        got = relative_order(items, products)
        hint = (" A list cached under one key for every sort answers the first order it stored: put the sort in the key "
                "(f\"products:sort={sort}\").") if sort == "price" else ""
        expect(got == [p["id"] for p in wanted], f"GET /products/ {asked} lists the products by {sort or 'name'}.{hint}",
               expected=[p["id"] for p in wanted], actual=got)


def check_list_second_get_runs_no_query(client):
    """A second GET /products/?sort=... answers from the cache: no SQL query"""
    for sort in ("price", "name"):
        get_list(client, sort)
        second, _ = get_list(client, sort)
        count = queries(second)
        expect(count == 0, f"The second GET /products/?sort={sort} in a row ran {count} SQL queries. Cache the list too, under a key "
               "that includes the sort, and answer the next GET from there.",
               expected="X-Queries: 0 on the second GET", actual=f"X-Queries: {second.headers.get('X-Queries')}")


def check_update_shows_at_once(client):
    """After PATCH /products/<id>/ (a new name, then a new price), the product's page and the lists (each sort, and no ?sort=) show it at once"""
    product = seed(client)
    for change in ({"name": fresh_title()}, {"price": fresh_int(100, 99999)}):
        get_detail(client, product["id"])
        for sort in LIST_SORTS:
            get_list(client, sort)
        response = client.patch(f"/products/{product['id']}/", json=change, headers=csrf_headers(client))
        expect_status(response, 200)
        product.update(change)
        what = "a new name" if "name" in change else "a new price"
        response, body = get_detail(client, product["id"])
        expect(same(body, shown(product)), f"After PATCH /products/<id>/ sent {what}, the next GET shows it. The page was still "
               "answered from the cache: delete the product's cache key in the view that saves any change (cache.delete(key)), "
               "with the key built exactly as where you set it.", expected=shown(product), response=response)
        for sort in LIST_SORTS:
            response, items = get_list(client, sort)
            entry = next((item for item in items if item.get("id") == product["id"]), None)
            expect(entry is not None and same(entry, shown(product)), f"After PATCH /products/<id>/ sent {what}, "
                   f"GET {list_url(sort)} shows it. The product is also in every cached list: delete the list keys (one per "
                   "sort) when it changes, not only its own page." + DEFAULT_SORT_HINT * (sort is None), expected=shown(product),
                   actual=entry or f"no product with id {product['id']} in the list")
            order_by = sort or "name"
            keys = [(item.get(order_by), item.get("id")) for item in items]
            expect(keys == sorted(keys, key=lambda k: (str(k[0]) if order_by == "name" else k[0] or 0, k[1] or 0)),
                   f"GET {list_url(sort)} is in {order_by} order after the change", expected=f"sorted by {order_by}",
                   actual=[item.get("id") for item in items])


def check_new_product_shows_in_lists(client):
    """After POST /products/ creates a product, the lists (each sort, and no ?sort=) include it at once"""
    for sort in LIST_SORTS:
        get_list(client, sort)
    new = {"name": fresh_title(), "price": fresh_int(100, 99999), "stock": fresh_int(1, 9)}
    response = client.post("/products/", json=new, headers=csrf_headers(client))
    expect_status(response, 201)
    body = expect_json(response)
    expect(isinstance(body.get("id"), int), "POST /products/ answers the new product with its id", expected={"id": 1, **new}, response=response)
    wanted = {"id": body["id"], "name": new["name"], "price": new["price"], "reviews": 0, "rating": None}
    for sort in LIST_SORTS:
        response, items = get_list(client, sort)
        entry = next((item for item in items if item.get("id") == body["id"]), None)
        expect(entry is not None and same(entry, wanted), f"A product created with POST /products/ appears in GET {list_url(sort)} "
               "at once. The cached lists were made before it existed: delete them (one key per sort) when a product is created."
               + DEFAULT_SORT_HINT * (sort is None),
               expected=wanted, actual=entry or f"no product with id {body['id']} in the list")


def outbox(client, address):
    response = client.get(f"/seed/outbox/?to={address}")
    expect(response.status == 200, "The given GET /seed/outbox/ lists the emails sent (keep that view as it is)", expected="200", response=response)
    return expect_json(response).get("emails", [])


def order(client, product, quantity, email):
    return client.post("/orders/", json={"product": product["id"], "quantity": quantity, "email": email}, headers=csrf_headers(client))


def check_order_sends_one_confirmation(client):
    """POST /orders/ answers 201 and sends one confirmation email to the customer"""
    product = seed(client, stock=fresh_int(5, 20))
    email, quantity = fresh_email(), fresh_int(1, 4)
    response = order(client, product, quantity, email)
    expect_status(response, 201)
    body = expect_json(response)
    sent = outbox(client, email)
    subject = f"Order {body.get('id')} confirmed"
    expect(len(sent) == 1 and sent[0].get("subject") == subject, f"An accepted order sends one email to {email} with the subject "
           f"{subject!r}, once the order is saved: "
           "transaction.on_commit(lambda: send_confirmation(order)) passes it a function to call, it does not call it.",
           expected=[{"to": [email], "subject": subject}], actual=sent)


def check_refused_order_sends_nothing(client):
    """An order refused for lack of stock answers 409, rolls back and sends no email"""
    stock = fresh_int(1, 5)
    product = seed(client, stock=stock)
    email = fresh_email()
    response = order(client, product, stock + fresh_int(1, 5), email)
    expect_status(response, 409)
    sent = outbox(client, email)
    expect(not sent, f"The order was refused (409), yet {len(sent)} email(s) told {email} it was confirmed. An email cannot be "
           "rolled back: inside the transaction.atomic() block, hand the sending to transaction.on_commit(...), so it goes out only if "
           "the transaction commits (outside any atomic block, on_commit runs the function at once).", expected="no email", actual=sent)
    again = order(client, product, stock, email)
    expect_status(again, 201)
    sent = outbox(client, email)
    expect(len(sent) == 1, "After a refused order, an order for exactly the stock left is accepted and sends one email",
           expected="1 email", actual=sent)


# ---- From the source: no email inside a transaction except through on_commit --------------------------

MAIL_FUNCTIONS = ("send_mail", "send_mass_mail", "mail_admins", "mail_managers", "send_messages")


def called(call):
    return call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id if isinstance(call.func, ast.Name) else ""


def is_mail_reference(node, names):
    """send_mail, a function that sends mail, an alias of one, or functools.partial(one of those, ...)."""
    if isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == "partial" and node.args:
        return is_mail_reference(node.args[0], names)
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name in MAIL_FUNCTIONS or name in names


def sends_email_message():
    """The file imports an EmailMessage class, so .send() on something may send mail."""
    return any(isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.mail")
               and any("Email" in alias.name for alias in node.names) for node in ast.walk(syntax_tree())) \
        or any(isinstance(node, ast.Attribute) and "Email" in node.attr for node in ast.walk(syntax_tree()))


def boundary(node):
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))


def own_calls(function):
    """Calls that run when the function runs (not those in nested functions or lambdas)."""
    found, todo = [], list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        if boundary(node):
            continue
        if isinstance(node, ast.Call):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


@functools.cache
def mailers():
    """Names of the functions in the file that send mail when they run, directly or through each other."""
    functions = [node for node in ast.walk(syntax_tree()) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    names, changed = set(), True
    for node in ast.walk(syntax_tree()):  # from django.core.mail import send_mail as notify
        if isinstance(node, ast.ImportFrom):
            names.update(alias.asname for alias in node.names if alias.asname and alias.name in MAIL_FUNCTIONS)
    while changed:
        changed = False
        for function in functions:
            if function.name not in names and any(is_mail_call(call, names) for call in own_calls(function)):
                names.add(function.name)
                changed = True
        for node in ast.walk(syntax_tree()):  # confirm = send_confirmation, or = partial(send_confirmation, order)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and is_mail_reference(node.value, names):
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(target, ast.Name) and target.id not in names:
                        names.add(target.id)
                        changed = True
    return names


def is_mail_call(call, names):
    name = called(call)
    return (is_mail_reference(call.func, names)
            or (name == "send" and isinstance(call.func, ast.Attribute) and sends_email_message()))


def is_atomic(node):
    return any(dotted_name(inner.func if isinstance(inner, ast.Call) else inner).split(".")[-1] == "atomic"
               for inner in [node] if isinstance(inner, (ast.Call, ast.Name, ast.Attribute)))


def atomic_block(call):
    """The line of the with transaction.atomic() or @transaction.atomic that the call runs in, else None."""
    node = call
    while True:
        parent = parents().get(node)
        if parent is None:
            return None
        if isinstance(parent, (ast.With, ast.AsyncWith)) and node in parent.body and any(is_atomic(item.context_expr) for item in parent.items):
            return parent.lineno
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorated = [d for d in parent.decorator_list if is_atomic(d)]
            return decorated[0].lineno if decorated else None
        if isinstance(parent, (ast.Lambda, ast.ClassDef)):
            return None
        node = parent


def check_mail_waits_for_the_commit(client):
    """No email is sent inside a transaction: inside atomic, it is handed to transaction.on_commit (read from your code)"""
    names = mailers()
    for call in (node for node in ast.walk(syntax_tree()) if isinstance(node, ast.Call) and is_mail_call(node, names)):
        line = atomic_block(call)
        expect(line is None, f"Line {call.lineno} sends an email while the transaction opened on line {line} is still open. If "
               "anything after it fails, or the commit itself does, the order rolls back and the customer still has the email. Inside "
               "the atomic block, register the sending instead: transaction.on_commit(lambda: send_confirmation(order)) "
               "(or send after the block has ended).",
               expected="transaction.on_commit(...) around the sending", actual=f"line {call.lineno}: {ast.unparse(call)[:80]} inside atomic")


# ---- From the source: the views use Django's cache -----------------------------------------------------

HOOKS = ("get", "post", "patch", "dispatch")


def check_views_use_djangos_cache(client):
    """The product views keep their answers in Django's cache (django.core.cache), not in a variable of the process (read from your code)"""
    for url in ("/products/", "/products/1/"):
        found = django_view_code(url, HOOKS)
        expect(found is not None, f"The checks could not find the view urlpatterns routes {url} to.", expected=f"path() for {url}")
        name, nodes = found
        view = django_view_for(url)
        if isinstance(view, ast.Call) and dotted_name(view.func) == "count_queries" and view.args:
            inner = view.args[0]
            inner = inner.func.value if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) else inner
            name = dotted_name(inner) or name
        origins = {}
        for node in ast.walk(syntax_tree()):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    origins[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    origins[alias.asname or alias.name] = alias.name
        used = set()
        for top in nodes:
            for node in ast.walk(top):
                if isinstance(node, (ast.Name, ast.Attribute)):
                    full = dotted_name(node)
                    head, _, rest = full.partition(".")
                    resolved = origins.get(head, head) + ("." + rest if rest else "")
                    if resolved.startswith(("django.core.cache", "django.views.decorators.cache")):
                        used.add(resolved)
        expect(used, f"{name}, the view that serves {url}, keeps nothing in Django's cache (django.core.cache). A dict or "
               "functools.lru_cache lives in one worker process: each worker keeps its own copy, and a change saved by one worker "
               "leaves the others stale. Django's cache is set in CACHES, so the same code works with Redis or Memcached shared by "
               "every worker: from django.core.cache import cache.",
               expected="cache.get / cache.set / cache.get_or_set in the view or code it calls", actual="no use of django.core.cache")
