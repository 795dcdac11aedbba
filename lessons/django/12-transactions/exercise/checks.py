"""Django 12: what an order does to the stock is checked over HTTP, with products made up for this run
(added and read through the given routes). Whether the stock change survives two orders at the same
moment cannot be shown over HTTP (the app answers one request at a time), so it is read from the
submitted source, in the checks' own sandbox: the stock is changed in the database (F() with a
condition or a check after it) or under select_for_update(), and inside transaction.atomic()."""

import ast
import functools
import random
import re
import string

from crossroads_checks import django_view_code, dotted_name, expect, expect_json, expect_status, fresh_int, fresh_title, syntax_tree

# ---- Over HTTP ---------------------------------------------------------------------------------------


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def add_product(client, stock):
    """A product made up for this run (given POST /products/); returns its id and name."""
    name = fresh_title()
    response = client.post("/products/", json={"name": name, "stock": stock}, headers=csrf_headers(client))
    expect(response.status == 201, "The given POST /products/ saves a product (keep that view as it is)", expected="201", response=response)
    body = expect_json(response)
    expect(isinstance(body.get("id"), int), "The given POST /products/ answers the new product's id (keep that view as it is)",
           expected={"id": 1, "name": name, "stock": stock}, response=response)
    return body["id"], name


def product(client, product_id):
    """{"stock": ..., "ordered": ...} from the given GET /products/<id>/."""
    response = client.get(f"/products/{product_id}/")
    expect(response.status == 200, "The given GET /products/<id>/ shows a product's stock (keep that view as it is)", expected="200", response=response)
    return expect_json(response)


def totals(client):
    response = client.get("/totals/")
    expect(response.status == 200, "The given GET /totals/ counts the orders (keep that view as it is)", expected="200", response=response)
    return expect_json(response)


def place(client, items):
    """POST /orders/ with these (product id, quantity) pairs."""
    body = {"items": [{"product": product_id, "quantity": quantity} for product_id, quantity in items]}
    return client.post("/orders/", json=body, headers=csrf_headers(client))


def check_order_takes_stock(client):
    """POST /orders/ answers 201 with the order, takes each quantity from its product's stock and saves the lines"""
    stocks = [fresh_int(6, 30), fresh_int(6, 30)]
    ids = [add_product(client, stock)[0] for stock in stocks]
    quantities = [fresh_int(1, stock - 1) for stock in stocks]
    before = totals(client)
    response = place(client, list(zip(ids, quantities)))
    expect_status(response, 201)
    body = expect_json(response)
    expect(isinstance(body.get("id"), int), "The answer carries the new order's id", expected={"id": "<the order's id>", "items": "..."}, response=response)
    sent = [{"product": product_id, "quantity": quantity} for product_id, quantity in zip(ids, quantities)]
    expect(body.get("items") == sent, "The answer lists the items that were ordered, as they were sent", expected=sent, response=response)
    for product_id, stock, quantity in zip(ids, stocks, quantities):
        now = product(client, product_id)
        expect(now.get("stock") == stock - quantity,
               f"Product {product_id} had {stock} in stock and {quantity} were ordered, so {stock - quantity} should be left",
               expected=stock - quantity, actual=now.get("stock"))
        expect(now.get("ordered") == quantity, f"An order line for product {product_id} records the {quantity} ordered",
               expected=f"order lines with {quantity} of product {product_id}", actual=f"{now.get('ordered')} on order lines")
    after = totals(client)
    expect(after.get("orders") == before.get("orders", 0) + 1, "One order was placed, so one Order row is saved",
           expected=f"{before.get('orders', 0) + 1} orders", actual=f"{after.get('orders')} orders")


def check_whole_stock_then_refused(client):
    """An order may take all the stock that is left; the next one is refused with 409 and the stock never goes below 0"""
    stock = fresh_int(2, 9)
    product_id, name = add_product(client, stock)
    response = place(client, [(product_id, stock)])
    now = product(client, product_id)
    expect(response.status == 201, f"{name} has {stock} in stock, so an order for {stock} of them succeeds: a stock equal to "
           "the quantity is enough (compare with >=: stock__gte, not stock__gt)", expected="201", response=response)
    expect(now.get("stock") == 0, f"After selling all {stock}, the stock is 0", expected=0, actual=now.get("stock"))
    again = place(client, [(product_id, 1)])
    now = product(client, product_id)
    expect(now.get("stock") == 0, f"{name} is sold out, yet another order changed its stock from 0 to {now.get('stock')}. "
           "Refuse an item when the stock left is smaller than the quantity, and never let the stock go below 0.",
           expected="the stock stays 0", actual=now.get("stock"))
    expect(again.status == 409, "An order for a sold-out product is refused with 409 Conflict", expected="409", response=again)
    body = expect_json(again)
    expect(isinstance(body.get("error"), str) and body["error"].strip() != "", "A refused order says why in \"error\"",
           expected={"error": f"Not enough {name} in stock", "product": product_id}, response=again)
    expect(body.get("product") == product_id, "A refused order names the product that is short in \"product\" (its id)",
           expected={"error": "...", "product": product_id}, response=again)


def check_short_order_changes_nothing(client):
    """An order with one item short is refused with 409, and nothing changes: no stock taken, no order saved"""
    plenty, short = fresh_int(6, 30), fresh_int(1, 5)
    first_id, first_name = add_product(client, plenty)
    short_id, short_name = add_product(client, short)
    before = totals(client)
    wanted = fresh_int(1, plenty - 1)
    response = place(client, [(first_id, wanted), (short_id, short + fresh_int(1, 3))])
    first, second, after = product(client, first_id), product(client, short_id), totals(client)
    expect(response.status == 409, f"Only {short} {short_name} are in stock and the order asks for more, so the whole order is refused "
           "with 409 Conflict", expected="409", response=response)
    body = expect_json(response)
    expect(body.get("product") == short_id, "The refusal names the product that is short in \"product\" (its id)",
           expected={"error": f"Not enough {short_name} in stock", "product": short_id}, response=response)
    expect(first.get("stock") == plenty, f"The order was refused, yet {first_name}'s stock went from {plenty} to {first.get('stock')}: "
           "the first item's change stayed after the second item was found short. Make the whole order one "
           "transaction.atomic() block and leave the block by raising an exception when an item is short: Django then "
           "rolls every change back. Returning, or catching the exception inside the block, commits what was done.",
           expected=f"{first_name}'s stock still {plenty}", actual=first.get("stock"))
    expect(second.get("stock") == short, f"The order was refused, yet {short_name}'s stock went from {short} to {second.get('stock')}",
           expected=short, actual=second.get("stock"))
    expect(after.get("orders") == before.get("orders"), "The order was refused, yet an Order row was saved for it: it was created "
           "before the stock check and stayed. Create it inside the same transaction.atomic() block, so the rollback removes it too.",
           expected=f"{before.get('orders')} orders, as before", actual=f"{after.get('orders')} orders")
    expect(after.get("order_lines") == before.get("order_lines"), "The order was refused, yet order lines were saved for it",
           expected=f"{before.get('order_lines')} order lines, as before", actual=f"{after.get('order_lines')} order lines")


# ---- The submitted source: how the stock is changed ----------------------------------------------------


@functools.cache
def local_aliases():
    """{'atom': 'atomic', 'Fx': 'F'} for `from ... import atomic as atom` (and the like)."""
    aliases = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    return aliases


def last_part(node):
    """'atomic' for transaction.atomic, atomic, atom (imported as), transaction.atomic(...)."""
    name = dotted_name(node)
    if "." in name:
        return name.rsplit(".", 1)[1]
    if not name and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr  # a method on a call: Product.objects.filter(...).update
    if not name and isinstance(node, ast.Attribute):
        return node.attr
    return local_aliases().get(name, name)


def names(node, wanted):
    """Whether node names `wanted` anywhere (a call, an attribute or a bare name; aliases undone)."""
    return any(isinstance(inner, (ast.Name, ast.Attribute)) and last_part(inner) == wanted for inner in ast.walk(node))


@functools.cache
def parents():
    found = {}
    for node in ast.walk(syntax_tree()):
        for child in ast.iter_child_nodes(node):
            found[child] = node
    return found


def enclosing_function(node):
    node = parents().get(node)
    while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        node = parents().get(node)
    return node


def atomic_requests_on():
    """DATABASES = {"default": {..., "ATOMIC_REQUESTS": True}} (a dict or dict(ATOMIC_REQUESTS=True)) anywhere."""
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "ATOMIC_REQUESTS" and isinstance(value, ast.Constant) and value.value is True:
                    return True
        if isinstance(node, ast.keyword) and node.arg == "ATOMIC_REQUESTS" and isinstance(node.value, ast.Constant) and node.value.value is True:
            return True
    return False


def inside_atomic(node, depth=0):
    """Whether node runs inside transaction.atomic(): in a `with atomic()` block, in a function or class decorated
    with it (also through method_decorator), in a function wrapped as atomic(function), or in a function called
    from such places; or every view is, with ATOMIC_REQUESTS."""
    if atomic_requests_on():
        return True
    if depth > 4:
        return False
    current = parents().get(node)
    while current is not None:
        if isinstance(current, (ast.With, ast.AsyncWith)) and any(names(item.context_expr, "atomic") for item in current.items):
            return True
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if any(names(decorator, "atomic") for decorator in current.decorator_list):
                return True
            if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)) and enclosing_function(current) is None:
                return function_runs_in_atomic(current.name, depth)
        current = parents().get(current)
    return False


def function_runs_in_atomic(name, depth):
    """Whether the module-level function or method `name` is wrapped as atomic(name) or called only from atomic code."""
    calls = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Call):
            if last_part(node.func) == "atomic" and any(isinstance(a, ast.Name) and a.id == name for a in node.args):
                return True
            if last_part(node.func) == name:
                calls.append(node)
    return bool(calls) and all(inside_atomic(call, depth + 1) for call in calls)


def order_view_code():
    found = django_view_code("/orders/", ("post", "dispatch", "get_queryset", "form_valid"))
    expect(found is not None, "The checks could not find which view urlpatterns routes /orders/ to. Keep "
           'path("orders/", create_order) in urlpatterns', expected='path("orders/", ...) in urlpatterns',
           actual="no path() for /orders/ that the checks can read")
    name, nodes = found
    seen, unique = set(), []
    for top in nodes:
        for node in ast.walk(top):
            if id(node) not in seen:
                seen.add(id(node))
                unique.append(node)
    return name, unique


SQL_UPDATE = re.compile(r"\bupdate\b.*\bset\b.*\bstock\b", re.I | re.S)
SQL_RELATIVE = re.compile(r"\bset\b\s*\"?stock\"?\s*=\s*\"?stock\"?\s*-", re.I)
SQL_CONDITION = re.compile(r"\bwhere\b.*\bstock\"?\s*>=?", re.I | re.S)


def stock_writes(nodes):
    """[(kind, node, value)]: update(stock=...), x.stock = ..., x.stock -= ..., setattr(x, "stock", ...), raw UPDATE ... SET stock."""
    writes = []
    for node in nodes:
        if isinstance(node, ast.Call) and last_part(node.func) == "update":
            for keyword in node.keywords:
                if keyword.arg == "stock":
                    writes.append(("update", node, keyword.value))
        elif isinstance(node, ast.Call) and last_part(node.func) == "setattr" and len(node.args) == 3:
            if isinstance(node.args[1], ast.Constant) and node.args[1].value == "stock":
                writes.append(("assign", node, node.args[2]))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == "stock" for t in targets) and node.value is not None:
                writes.append(("assign", node, node.value))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Attribute) and node.target.attr == "stock":
            writes.append(("augassign", node, node.value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_UPDATE.search(node.value):
            writes.append(("sql", node, node.value))
    return writes


def uses_f(value):
    return any(isinstance(node, ast.Call) and last_part(node.func) == "F" for node in ast.walk(value))


def stock_lookups(node):
    """The stock__... lookups a call chain filters on (keywords, Q(...), dict keys)."""
    found = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.keyword) and inner.arg and inner.arg.startswith("stock__"):
            found.append(inner)
        elif isinstance(inner, ast.Dict):
            found += [k for k in inner.keys if isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.startswith("stock__")]
    return found


def chain_parts(call):
    """What a queryset method call is called on, down to its start, and the value a name there was given in the same function."""
    parts, node = [], call.func
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            parts.append(node)
            node = node.func
        else:
            break
    if isinstance(node, ast.Name):
        scope = enclosing_function(call) or syntax_tree()
        for inner in ast.walk(scope):
            if isinstance(inner, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in inner.targets):
                parts.append(inner.value)
    return parts


def assigned_values(name, scope):
    """The values the name is given in scope (a function, or the module)."""
    return [inner.value for inner in ast.walk(scope)
            if isinstance(inner, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in inner.targets)]


def conditional(write):
    """update(stock=F(...)) on a queryset filtered on the stock: filter(..., stock__gte=n), exclude(stock__lt=n), Q(...),
    also when the Q or the dict of lookups is kept in a variable first."""
    kind, node, value = write
    if kind == "sql":
        return bool(SQL_CONDITION.search(value))
    if kind != "update":
        return False
    parts = chain_parts(node)
    scope = enclosing_function(node) or syntax_tree()
    for part in list(parts):
        for inner in ast.walk(part):
            if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load):
                parts += assigned_values(inner.id, scope)
    return any(stock_lookups(part) for part in parts)


def is_zero_or_less(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return isinstance(node.operand.value, (int, float))
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool) and node.value == 0


def checked_after(write, nodes):
    """A look at the stock after the F() change, in the same function: a comparison with 0, or a stock__lt=0 lookup."""
    line = write[1].lineno
    scope = enclosing_function(write[1])
    for node in nodes:
        if getattr(node, "lineno", 0) <= line or (scope is not None and enclosing_function(node) is not scope):
            continue
        if isinstance(node, ast.Compare) and any(is_zero_or_less(part) for part in [node.left, *node.comparators]):
            return True
        if isinstance(node, ast.keyword) and node.arg in ("stock__lt", "stock__lte") and is_zero_or_less(node.value):
            return True
    return False


def database_refuses_negative():
    """Product's stock is a Positive...Field, or Product has a CheckConstraint on stock__gte / stock__gt."""
    for cls in ast.walk(syntax_tree()):
        if isinstance(cls, ast.ClassDef) and cls.name == "Product":
            for node in ast.walk(cls):
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "stock" for t in node.targets):
                    if isinstance(node.value, ast.Call) and last_part(node.value.func).startswith("Positive"):
                        return True
                if isinstance(node, ast.Call) and last_part(node.func) == "CheckConstraint":
                    if any(k.arg in ("stock__gte", "stock__gt") for k in ast.walk(node) if isinstance(k, ast.keyword)):
                        return True
    return False


def evaluated(call):
    """A select_for_update() queryset that is evaluated (the rows are read, so they are locked): not a statement
    of its own that only builds a queryset, nor assigned to a name nobody reads."""
    top = call
    while True:
        parent = parents().get(top)
        if isinstance(parent, ast.Attribute) and isinstance(parents().get(parent), ast.Call) and parents()[parent].func is parent:
            top = parents()[parent]
        else:
            break
    parent = parents().get(top)
    builds_only = ("select_for_update", "filter", "exclude", "order_by", "all", "only", "defer", "select_related", "values", "values_list")
    if isinstance(parent, ast.Expr):
        return last_part(top.func) not in builds_only
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        scope = enclosing_function(parent) or syntax_tree()
        wanted = parent.targets[0].id
        return any(isinstance(n, ast.Name) and n.id == wanted and isinstance(n.ctx, ast.Load) for n in ast.walk(scope))
    return True


def models_with_stock():
    """Names of the classes in the file that declare a stock field."""
    return {cls.name for cls in ast.walk(syntax_tree()) if isinstance(cls, ast.ClassDef)
            and any(isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "stock" for t in node.targets)
                    for node in cls.body)}


def locked_model(lock):
    """The class a select_for_update() chain starts from (Order for Order.objects.select_for_update()), if it is a class of
    this file; None when the chain starts from something else (a variable, self.get_queryset())."""
    node = lock.func
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    classes = {cls.name for cls in ast.walk(syntax_tree()) if isinstance(cls, ast.ClassDef)}
    if isinstance(node, ast.Name) and node.id in classes:
        return node.id
    return None


def binds(node, name):
    """Whether the statement gives `name` a value: name = ..., for name in ..., with ... as name."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    elif isinstance(node, ast.NamedExpr):
        targets = [node.target]
    else:
        return False
    return any(isinstance(inner, ast.Name) and inner.id == name for target in targets for inner in ast.walk(target))


def read_before_lock(write, stock_locks):
    """(line read, line locked) when a read, subtract, save works on an object read before the row lock was taken,
    in the same function, and not read again (refresh_from_db) after it; else None."""
    kind, node, value = write
    target = node.target if isinstance(node, ast.AugAssign) else next(
        (t for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Attribute)), None)
    if not isinstance(target, ast.Attribute) or not isinstance(target.value, ast.Name):
        return None
    name, scope = target.value.id, enclosing_function(node)
    if scope is None:
        return None
    lock_lines = [lock.lineno for lock in stock_locks if enclosing_function(lock) is scope and lock.lineno <= node.lineno]
    if not lock_lines:
        return None  # locked elsewhere (in the code that calls this function), or the object is a parameter
    bindings = [inner for inner in ast.walk(scope) if binds(inner, name) and inner.lineno < node.lineno]
    if not bindings:
        return None
    binding = max(bindings, key=lambda inner: inner.lineno)
    if binding.lineno >= min(lock_lines) or any(
            isinstance(inner, ast.Call) and last_part(inner.func) == "select_for_update" for inner in ast.walk(binding)):
        return None
    for inner in ast.walk(scope):
        if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "refresh_from_db"
                and dotted_name(inner.func.value) == name and min(lock_lines) <= inner.lineno < node.lineno):
            return None
    return binding.lineno, min(lock_lines)


def check_stock_change_is_race_free(client):
    """Two orders at the same moment cannot oversell: the stock is changed in the database or under a row lock (read from your code)"""
    name, nodes = order_view_code()
    locks = [node for node in nodes if isinstance(node, ast.Call) and last_part(node.func) == "select_for_update"]
    for lock in locks:
        expect(inside_atomic(lock), f"Line {lock.lineno} calls select_for_update() outside transaction.atomic(). A row lock lasts until "
               "the transaction ends, so outside one it protects nothing, and PostgreSQL refuses it with TransactionManagementError "
               "(SQLite ignores it, which is why it ran here). Lock the rows inside the atomic block.",
               expected="select_for_update() inside transaction.atomic()", actual=f"line {lock.lineno}: outside any atomic block")
    writes = stock_writes(nodes)
    expect(writes, f"The checks found no change to the stock in {name}, the view that serves /orders/, or in the code it calls.",
           expected='Product.objects.filter(pk=..., stock__gte=quantity).update(stock=F("stock") - quantity)', actual="no stock change")
    stock_models = models_with_stock()
    other_locks = [lock for lock in locks if evaluated(lock) and locked_model(lock) not in (None, *stock_models)]
    stock_locks = [lock for lock in locks if evaluated(lock) and lock not in other_locks]
    computed_in_python = [write for write in writes if write[0] == "augassign" or (write[0] in ("update", "assign") and not uses_f(write[2]))
                          or (write[0] == "sql" and not SQL_RELATIVE.search(write[2]))]
    if stock_locks:
        # the rows were read under a lock: no other order can change them until this transaction ends, provided the
        # stock that is changed was read under that lock too
        for write in computed_in_python:
            stale = read_before_lock(write, stock_locks)
            if stale:
                read, locked = stale
                expect(False, f"Line {write[1].lineno} changes a stock that was read on line {read}, before the row was locked on line "
                       f"{locked}. Another order may have changed the stock between the two, and this one would write over it. Read "
                       "the row with the lock (product = Product.objects.select_for_update().get(pk=product_id)), or read it again "
                       "after locking (product.refresh_from_db()).",
                       expected="the stock read under select_for_update()", actual=f"line {read}: read before the lock on line {locked}")
        return
    for kind, node, value in computed_in_python:
        line = node.lineno
        note = ""
        if other_locks:
            note = (f" (The select_for_update() on line {other_locks[0].lineno} locks {locked_model(other_locks[0])} rows, not the rows "
                    "whose stock changes, so it does not stop this.)")
        expect(False, f"Line {line} writes a stock worked out in Python from a value read earlier (read, subtract, save). Two orders "
               "that read the same stock at the same moment both write the same result, and one sale is lost: 5 - 1 twice "
               "gives 4, not 3. Let the database subtract: "
               'Product.objects.filter(pk=product_id, stock__gte=quantity).update(stock=F("stock") - quantity), '
               "or lock the row first with select_for_update() inside transaction.atomic()." + note,
               expected='update(stock=F("stock") - quantity)', actual=f"line {line}: the new stock is computed in Python")
    if database_refuses_negative() and any(isinstance(node, (ast.Name, ast.Attribute)) and last_part(node) == "IntegrityError" for node in nodes):
        return  # the database refuses a negative stock, and the view handles that refusal
    for write in writes:
        if conditional(write) or checked_after(write, nodes):
            continue
        line, scope = write[1].lineno, enclosing_function(write[1])
        checked_before = any(isinstance(node, ast.Compare) and node.lineno < line and enclosing_function(node) is scope for node in nodes)
        if checked_before:
            problem = ("but the check that there is enough stock was made on a value read before it. Two orders for the last item "
                       "both see 1 in stock, both pass the check, and the stock ends at -1.")
        else:
            problem = "but nothing in that statement stops the stock going below 0."
        expect(False, f"Line {line} subtracts in the database with F(), {problem} Put the check in the same UPDATE: "
               "filter(pk=product_id, stock__gte=quantity).update(...) changes no row when the stock is short, and its return "
               "value (the number of rows changed) tells you so.",
               expected='filter(..., stock__gte=quantity).update(stock=F("stock") - quantity) and a look at the row count',
               actual=f"line {line}: an F() update with no stock condition")


def check_order_is_one_transaction(client):
    """The stock changes and the order are saved in one transaction (transaction.atomic; read from your code)"""
    name, nodes = order_view_code()
    writes = stock_writes(nodes)
    expect(writes, f"The checks found no change to the stock in {name}, the view that serves /orders/, or in the code it calls.",
           expected="stock changes inside transaction.atomic()", actual="no stock change")
    outside = [write[1].lineno for write in writes if not inside_atomic(write[1])]
    expect(not outside, f"The stock changes on line {outside[0] if outside else ''} run outside transaction.atomic(). Each "
           "statement then commits on its own, so if a later item turns out short (or the server stops halfway), the items "
           "before it stay taken. Wrap the whole order in transaction.atomic() (as a decorator or a with block).",
           expected="@transaction.atomic or with transaction.atomic(): around the stock changes and the order",
           actual=f"line {outside[0] if outside else ''}: outside any atomic block")
