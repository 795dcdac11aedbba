import ast
import functools
import secrets
import string
import urllib.parse

from crossroads_checks import (
    dotted_name,
    expect,
    expect_json,
    expect_status,
    fresh_word,
    last_name,
    source,
    syntax_tree,
)


def add_books(client, *books):
    """books: (title, published) pairs, saved through the given POST /books/ route."""
    token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token  # what a page with {% csrf_token %} would have set
    for title, published in books:
        response = client.post("/books/", data={"title": title, "published": "yes" if published else "no", "csrfmiddlewaretoken": token})
        expect(response.status in (200, 201), "The given POST /books/ route saves the checks' books: keep it as it was in the starter",
               expected="status 201 from POST /books/", response=response)


def search(client, q):
    response = client.get("/search/?" + urllib.parse.urlencode({"q": q}))
    expect(response.status != 500, f"Searching for {q!r} crashed the view (500): the text changed the SQL", expected="status 200", response=response)
    expect_status(response, 200)
    results = expect_json(response).get("results")
    expect(isinstance(results, list), "The answer is {\"results\": [...]}", expected={"results": ["..."]}, response=response)
    return results


def check_normal_search(client):
    """A search returns the published titles that contain it, ignoring case, in title order"""
    word = fresh_word()
    cap = word.capitalize()
    add_books(client, (f"{cap} Rising", True), (f"The {cap} Saga", True), (f"Ashes of {word}", True),
              (f"{cap} Secret Draft", False), (f"{fresh_word().capitalize()} Elsewhere", True))
    results = search(client, word)
    wanted = sorted([f"{cap} Rising", f"The {cap} Saga", f"Ashes of {word}"])
    expect(results == wanted, f"?q={word} finds the published titles containing {word!r}, in title order", expected=wanted, actual=results)


def check_or_injection(client):
    """' OR 1=1 -- does not reveal unpublished books"""
    add_books(client, (f"{fresh_word().capitalize()} Unreleased Memoir", False))
    for q in ("' OR 1=1 --", "%' OR published = 0 OR title LIKE '%"):
        results = search(client, q)
        expect(results == [], f"No title contains {q!r}, so nothing is found: the input must not change the SQL", expected=[], actual=results)


def check_union_injection(client):
    """A UNION SELECT in q does not reveal unpublished books"""
    add_books(client, (f"{fresh_word().capitalize()} Hidden Sequel", False))
    results = search(client, "x' UNION SELECT title FROM exercise_book --")
    expect(results == [], "Nothing is found: the input must not be run as SQL", expected=[], actual=results)


def check_injection_text_is_searched_for(client):
    """Text that looks like SQL is searched for like any other text"""
    word = fresh_word()
    cap = word.capitalize()
    payload = f"{word}' OR published = 0 OR title = '"
    found = f"{cap}' or published = 0 or title = ' (A Novel)"
    add_books(client, (found, True), (f"{cap} Draft", False), (f"{cap} Rising", True), (f"{cap}' Hidden", False))
    results = search(client, payload)
    expect(results == [found], f"?q={payload} finds exactly the published title that contains that text", expected=[found], actual=results)
    results = search(client, f"{word}' --")
    expect(results == [], f"No published title contains {word}' --, so nothing is found", expected=[], actual=results)


def check_quote_in_title(client):
    """A title with a quote in it can be found by searching with the quote"""
    word = fresh_word()
    add_books(client, (f"{word.capitalize()}'s Game", True), (f"{word.capitalize()}s Gambit", True))
    results = search(client, f"{word}'s")
    expect(results == [f"{word.capitalize()}'s Game"], f"?q={word}'s finds the title with the quote", expected=[f"{word.capitalize()}'s Game"], actual=results)


def check_wildcards_are_literal(client):
    """% and _ in q match only themselves, not any text"""
    word = fresh_word()
    cap = word.capitalize()
    add_books(client, (f"{cap} 50% Off", True), (f"{cap} 50 Cents", True), (f"{cap}_x Files", True), (f"{cap}ax Files", True))
    results = search(client, f"{word} 50%")
    expect(results == [f"{cap} 50% Off"], "A % in q is an ordinary character, not a LIKE wildcard", expected=[f"{cap} 50% Off"], actual=results)
    results = search(client, f"{word}_")
    expect(results == [f"{cap}_x Files"], "An _ in q is an ordinary character, not a LIKE wildcard", expected=[f"{cap}_x Files"], actual=results)


# ---- Text no check could guess: a new mix of quotes, %, -- and friends every run. ----------------------

HOSTILE_PIECES = ("''", '"', "%%", "%s", "_", ";", "\\", "/*", "*/", ")", " OR 1=1", " UNION SELECT ")


def check_hostile_text_is_found_literally(client):
    """Quotes, %, -- and other SQL characters in q are searched for as plain text (a new mix every run)"""
    word = fresh_word()
    cap = word.capitalize()
    rng = secrets.SystemRandom()
    pieces = ["'", "%", "--", *rng.sample(HOSTILE_PIECES, 3)]
    rng.shuffle(pieces)
    hostile = word + "".join(pieces)
    found = f"{cap}{hostile[len(word):]} Edition"
    wildcard_twin = found.replace("%", "x").replace("_", "y")  # matches only if % or _ act as wildcards
    add_books(client, (found, True), (f"{cap}{hostile[len(word):]} Draft", False), (wildcard_twin, True))
    results = search(client, hostile)
    expect(
        results == [found],
        f"?q={hostile} must find exactly the published title that contains that text, character for character: "
        "the quotes, %, _ and -- in it are ordinary characters, not SQL",
        expected=[found],
        actual=results,
    )


# ---- How the SQL is written: read from your main.py. Escaping by hand can pass every search above
# and still miss a case; only a parameter keeps the text out of the SQL for sure. So the SQL text given
# to raw(), execute(), RawSQL() or extra() must be fixed by the code: string literals, joined with + or
# in an f-string whose only inserted value is a model's table name (Book._meta.db_table), picked with
# A if q else B from two such texts, or held in a class attribute (self.sql) that only a class body sets. --

SQL_CALLS = ("execute", "executemany", "executescript", "raw", "RawSQL", "extra")
EXTRA_SQL_POSITIONS = (0, 1, 3, 4)  # extra(select, where, params, tables, order_by, select_params)
EXTRA_SQL_KEYWORDS = ("select", "where", "tables", "order_by")
TEXT_METHODS = ("strip", "lstrip", "rstrip")  # fixed text stays fixed through these
MAX_DEPTH = 12


@functools.cache
def parents():
    found = {}
    for node in ast.walk(syntax_tree()):
        for child in ast.iter_child_nodes(node):
            found[child] = node
    return found


def enclosing_scope(node):
    """The function (or lambda) node is in, or the module."""
    node = parents().get(node)
    while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
        node = parents().get(node)
    return node if node is not None else syntax_tree()


def scope_nodes(scope):
    """The nodes of a scope, not descending into nested functions, lambdas or classes."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def parameter_names(function):
    args = function.args
    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)] + [a.arg for a in (args.vararg, args.kwarg) if a]


def bindings(name, scope):
    """What name is bound to in scope: expression nodes, ('param', function) or ('other', node)."""
    found = []
    if not isinstance(scope, ast.Module) and name in parameter_names(scope):
        found.append(("param", scope))
    for node in scope_nodes(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append(node.value)
                elif any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)):
                    found.append(("other", node))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            if node.value is not None:
                found.append(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            found.append(node.value if isinstance(node.op, ast.Add) else ("other", node))
        elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, (ast.Store, ast.Del)):
            if not isinstance(parents().get(node), (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                found.append(("other", node))  # a for target, with ... as, :=, del
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            found.append(("other", node))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any((alias.asname or alias.name.split(".")[0]) == name for alias in node.names):
                found.append(("other", node))
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            found.append(("other", node))
    return found


def name_bindings(name, node):
    """The bindings of name as seen from where node is: its own function first, then outer ones, then the module."""
    scope = enclosing_scope(node)
    while True:
        found = bindings(name, scope)
        if found or isinstance(scope, ast.Module):
            return found
        scope = enclosing_scope(scope)


def called_name(call):
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return last_name(call.func)
    return ""


def argument_values(function, name):
    """What every call of function in the file passes for its parameter name (None: cannot tell)."""
    if function.args.vararg and function.args.vararg.arg == name or function.args.kwarg and function.args.kwarg.arg == name:
        return None
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    defaults = dict(zip(positional[len(positional) - len(function.args.defaults):], function.args.defaults))
    defaults.update({a.arg: d for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults) if d is not None})
    is_method = isinstance(parents().get(function), ast.ClassDef)
    values, calls = [], 0
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Name) and node.id == function.name and isinstance(node.ctx, ast.Load):
            call = parents().get(node)
            if not (isinstance(call, ast.Call) and call.func is node):
                return None  # handed around as a value: its callers cannot be read
        if not (isinstance(node, ast.Call) and called_name(node) == function.name):
            continue
        calls += 1
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return None
        order = positional[1:] if is_method and isinstance(node.func, ast.Attribute) else positional
        given = dict(zip(order, node.args))
        given.update({k.arg: k.value for k in node.keywords})
        if name in given:
            values.append(given[name])
        elif name in defaults:
            values.append(defaults[name])
        else:
            return None
    return values if calls else None


def table_name(node):
    """True for Model._meta.db_table (also wrapped in connection.ops.quote_name(...))."""
    if isinstance(node, ast.Call) and called_name(node) == "quote_name" and len(node.args) == 1 and not node.keywords:
        return table_name(node.args[0])
    return (isinstance(node, ast.Attribute) and node.attr == "db_table" and isinstance(node.value, ast.Attribute)
            and node.value.attr == "_meta" and bool(dotted_name(node.value.value)))


def meta_is_reassigned():
    for node in ast.walk(syntax_tree()):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        if any(isinstance(t, ast.Attribute) and t.attr in ("_meta", "db_table") for t in targets):
            return True
        if isinstance(node, ast.Call) and called_name(node) == "setattr":
            return True
    return False


def not_fixed(node, depth=0, seen=frozenset()):
    """None when node is SQL text fixed by the code; otherwise (the part that is not, why)."""
    if depth > MAX_DEPTH:
        return node, "it is built in too many steps to follow"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return None
    if table_name(node):
        return None if not meta_is_reassigned() else (node, "the file assigns to _meta or db_table, so the table name is not fixed")
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue) and (not table_name(part.value) or part.format_spec is not None):
                return part.value, "an f-string inserts a value into the SQL (only a model's _meta.db_table may go there)"
        if any(isinstance(part, ast.FormattedValue) for part in node.values) and meta_is_reassigned():
            return node, "the file assigns to _meta or db_table, so the table name is not fixed"
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return not_fixed(node.left, depth + 1, seen) or not_fixed(node.right, depth + 1, seen)
    if isinstance(node, ast.IfExp):  # SEARCH_SQL if q else ALL_SQL: fixed when both branches are
        return not_fixed(node.body, depth + 1, seen) or not_fixed(node.orelse, depth + 1, seen)
    if isinstance(node, ast.Attribute) and class_attribute_owner(node) is not None:
        return class_attribute_not_fixed(node, depth, seen)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return node, "% formatting puts values into the SQL text"
    if isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            found = not_fixed(element, depth + 1, seen)
            if found:
                return found
        return None
    if isinstance(node, ast.Dict):
        for part in (*node.keys, *node.values):
            found = not_fixed(part, depth + 1, seen) if part is not None else (node, "** unpacking")
            if found:
                return found
        return None
    if isinstance(node, ast.Call):
        name = called_name(node)
        if isinstance(node.func, ast.Attribute) and name in TEXT_METHODS and not node.args and not node.keywords:
            return not_fixed(node.func.value, depth + 1, seen)
        if name == "dedent" and len(node.args) == 1 and not node.keywords:
            return not_fixed(node.args[0], depth + 1, seen)
        if name == "format":
            return node, "str.format() puts values into the SQL text"
        if name == "replace":
            return node, "str.replace() puts values into the SQL text"
        if name == "join":
            return node, "str.join() builds the SQL out of values"
        return node, f"the SQL comes back from a call of {name or 'a function'}(), so it is not written out where it is used"
    if isinstance(node, ast.Name):
        if (node.id, id(enclosing_scope(node))) in seen:
            return None  # a loop such as sql = sql + " ...": the other bindings decide
        seen = seen | {(node.id, id(enclosing_scope(node)))}
        found = name_bindings(node.id, node)
        if not found:
            return node, f"{node.id} is not given a value in this file"
        for binding in found:
            if isinstance(binding, tuple) and binding[0] == "param" and isinstance(binding[1], ast.Lambda):
                return node, f"{node.id} is a parameter of a lambda, so what it holds cannot be read"
            if isinstance(binding, tuple) and binding[0] == "param":
                values = argument_values(binding[1], node.id)
                if values is None:
                    return node, f"{node.id} is a parameter of {binding[1].name}(), and not every call of it can be read"
                for value in values:
                    problem = not_fixed(value, depth + 1, seen)
                    if problem:
                        return problem
            elif isinstance(binding, tuple):
                return node, f"{node.id} is not only given fixed text (line {getattr(binding[1], 'lineno', '?')})"
            else:
                problem = not_fixed(binding, depth + 1, seen)
                if problem:
                    return problem
        return None
    return node, f"it uses {segment(node)}, a value rather than text written out in your code"


def class_attribute_owner(node):
    """The class whose attribute node reads: self.sql / cls.sql in one of its methods, or ClassName.sql
    for a class defined at the top of the file; None otherwise."""
    if not isinstance(node.value, ast.Name):
        return None
    classes = {c.name: c for c in syntax_tree().body if isinstance(c, ast.ClassDef)}
    if node.value.id in classes and len([c for c in find_classes() if c.name == node.value.id]) == 1:
        bound = name_bindings(node.value.id, node)
        if all(isinstance(b, tuple) and b[1] is classes[node.value.id] for b in bound):
            return classes[node.value.id]
    function = enclosing_scope(node)
    if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and isinstance(parents().get(function), ast.ClassDef):
        first = (function.args.posonlyargs + function.args.args)[:1]
        is_static = "staticmethod" in [dotted_name(d) for d in function.decorator_list]
        if first and not is_static and first[0].arg == node.value.id:
            stores = [b for b in bindings(node.value.id, function) if not (isinstance(b, tuple) and b[0] == "param")]
            if not stores:
                return parents()[function]
    return None


def find_classes():
    return [node for node in ast.walk(syntax_tree()) if isinstance(node, ast.ClassDef)]


def class_attribute_not_fixed(node, depth, seen):
    """self.sql is fixed when every class in the file that gives sql a value does so in its class body with
    fixed text, its own class is one of them, and nothing else in the file can give an attribute of that name
    a value (obj.sql = ..., setattr(), vars()/__dict__, sql= keywords, {"sql": ...}, type(...))."""
    name, owner = node.attr, class_attribute_owner(node)
    shown = segment(node)
    values, own = [], False
    for cls in find_classes():
        for statement in cls.body:
            targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and statement.name == name:
                return node, f"{shown} is also a method or class called {name} (line {statement.lineno}), not fixed text"
            if any(any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(t)) for t in targets if t is not None):
                if isinstance(statement, (ast.Assign, ast.AnnAssign)) and any(isinstance(t, ast.Name) and t.id == name for t in targets) and statement.value is not None:
                    values.append(statement.value)
                    own = own or cls is owner
                else:
                    return node, f"{shown} is not only given fixed text (line {statement.lineno})"
    if not own:
        return node, f"{shown} is not given a value in the body of class {owner.name}"
    for other in ast.walk(syntax_tree()):
        if isinstance(other, ast.Attribute) and other.attr == name and not isinstance(other.ctx, ast.Load):
            return other, f"the file assigns to .{name} outside a class body (line {other.lineno}), so {shown} is not fixed text"
        if isinstance(other, ast.Call):
            if called_name(other) in ("setattr", "delattr", "vars", "SimpleNamespace", "namedtuple", "__setattr__") or (
                    called_name(other) == "type" and len(other.args) > 1):
                return other, f"the file calls {called_name(other)}() (line {other.lineno}), so what {shown} holds cannot be read"
            if any(k.arg == name for k in other.keywords) and called_name(other) not in SQL_CALLS:
                return other, f"the file passes {name}= to a call (line {other.lineno}), so what {shown} holds cannot be read"
        if isinstance(other, ast.Attribute) and other.attr == "__dict__":
            return other, f"the file uses __dict__ (line {other.lineno}), so what {shown} holds cannot be read"
        if isinstance(other, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == name for k in other.keys):
            return other, f"the file builds a dict with the key {name!r} (line {other.lineno}), so what {shown} holds cannot be read"
    for value in values:
        problem = not_fixed(value, depth + 1, seen)
        if problem:
            return problem
    return None


def sql_arguments(call):
    """The arguments of a raw-SQL call that hold SQL text."""
    if called_name(call) == "extra":
        return [a for i, a in enumerate(call.args) if i in EXTRA_SQL_POSITIONS] + [
            k.value for k in call.keywords if k.arg in EXTRA_SQL_KEYWORDS or k.arg is None]
    return call.args[:1] + [k.value for k in call.keywords if k.arg in ("sql", "raw_query") or k.arg is None]


def indirect_uses():
    """Places that reach a raw-SQL method without calling it by name (x = cursor.execute; getattr(...))."""
    found = []
    for node in ast.walk(syntax_tree()):
        parent = parents().get(node)
        if isinstance(node, ast.Attribute) and node.attr in SQL_CALLS and not (isinstance(parent, ast.Call) and parent.func is node):
            found.append(node)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and last_name(node) == "RawSQL" and not (isinstance(parent, ast.Call) and parent.func is node):
            found.append(node)
        elif (isinstance(node, ast.Call) and called_name(node) == "getattr" and len(node.args) > 1
              and not (isinstance(node.args[1], ast.Constant) and node.args[1].value not in SQL_CALLS)):
            found.append(node)
    return found


def segment(node):
    return ast.get_source_segment(source(), node) or ast.dump(node)[:120]


def check_sql_is_parameterized(client):
    """Raw SQL is fixed text with %s placeholders, and the search text goes in the parameter list (read from your code)"""
    for node in indirect_uses():
        expect(
            False,
            f"Line {node.lineno} reaches a raw-SQL method without calling it directly ({segment(node)}). "
            "Call cursor.execute(...), Book.objects.raw(...) or RawSQL(...) where you write the SQL, so the checks can read it.",
            expected='cursor.execute("SELECT ... LIKE %s ...", [pattern])',
            actual=f"line {node.lineno}: {segment(node)}",
        )
    calls = [node for node in ast.walk(syntax_tree()) if isinstance(node, ast.Call) and called_name(node) in SQL_CALLS]
    for call in sorted(calls, key=lambda c: c.lineno):
        name = called_name(call)
        for argument in sql_arguments(call):
            problem = not_fixed(argument)
            if problem is None:
                continue
            part, why = problem
            expect(
                False,
                f"Line {call.lineno} gives {name}() SQL text that is not fixed: {why}. If that value holds the search "
                "text, the text becomes part of the SQL, and escaping it by hand is not enough. Write the whole SQL out "
                "as text (only Book._meta.db_table may be inserted), put %s where the search text goes, and pass the "
                f"value in the parameter list: {name}(\"... LIKE %s ...\", [pattern]). Or use the ORM.",
                expected=f'{name}("SELECT ... LIKE %s ...", [value])',
                actual=f"line {getattr(part, 'lineno', call.lineno)}: {segment(part)}",
            )
