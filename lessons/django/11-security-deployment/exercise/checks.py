import ast
import secrets
import string
import urllib.parse

from crossroads_checks import (
    dotted_name,
    expect,
    expect_json,
    expect_status,
    find_calls,
    find_definitions,
    fresh_word,
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


# ---- How the SQL is written: read from your main.py. Escaping by hand can pass every search above
# and still miss a case; only a parameter keeps the text out of the SQL for sure. ---------------------

SQL_CALLS = ("execute", "executemany", "raw", "RawSQL")


def functions_by_name():
    return {f.name: f for f in find_definitions((ast.FunctionDef, ast.AsyncFunctionDef))}


def assigned_values(name):
    """Every value assigned to name anywhere in the file (x = ..., x += ..., x: str = ...)."""
    values = []
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            values.append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name and node.value is not None:
            values.append(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            values.append(ast.BinOp(left=ast.Constant(""), op=node.op, right=node.value))
    return values


def is_text(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def fixed_text(node, depth=0):
    """True when node is SQL text written out in the code (a literal, or literals joined with +)."""
    if is_text(node):
        return True
    if isinstance(node, ast.JoinedStr):
        return not any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return fixed_text(node.left, depth) and fixed_text(node.right, depth)
    if isinstance(node, ast.Name) and depth < 4:
        values = assigned_values(node.id)
        return bool(values) and all(fixed_text(value, depth + 1) for value in values)
    return False


def formatting(node, depth=0):
    """How node builds SQL text out of other values ('an f-string', ...), or None when it does not."""
    if depth > 6:
        return None
    if isinstance(node, ast.JoinedStr) and not fixed_text(node):
        return "an f-string"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and (is_text(node.left) or isinstance(node.left, ast.JoinedStr)):
        return "% formatting"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and not fixed_text(node):
        return formatting(node.left, depth + 1) or formatting(node.right, depth + 1) or "+ between text and a value"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":
            return "str.format()"
        if node.func.attr == "join" and not all(
            isinstance(arg, (ast.List, ast.Tuple)) and all(fixed_text(e) for e in arg.elts) for arg in node.args
        ):
            return "str.join() of values"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        helper = functions_by_name().get(node.func.id)
        if helper is not None:
            for inner in ast.walk(helper):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    found = formatting(inner.value, depth + 1)
                    if found:
                        return f"{found} (in {helper.name}())"
    if isinstance(node, ast.Name):
        for value in assigned_values(node.id):
            found = formatting(value, depth + 1)
            if found:
                return found
    if isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            found = formatting(element, depth + 1)
            if found:
                return found
    if isinstance(node, ast.Dict):
        for value in node.values:
            found = formatting(value, depth + 1)
            if found:
                return found
    return None


def sql_arguments(call):
    """The arguments of a raw-SQL call that hold SQL text."""
    name = dotted_name(call.func).rsplit(".", 1)[-1]
    if name == "extra":
        return list(call.args[:2]) + [k.value for k in call.keywords if k.arg in ("select", "where", "tables", "order_by")]
    return call.args[:1] + [k.value for k in call.keywords if k.arg in ("sql", "raw_query")]


def check_sql_is_parameterized(client):
    """Raw SQL keeps the search text out of the SQL string: a %s placeholder and a list of values (read from your code)"""
    calls = [call for name in (*SQL_CALLS, "extra") for call in find_calls(name)]
    for call in sorted(calls, key=lambda c: c.lineno):
        name = dotted_name(call.func).rsplit(".", 1)[-1]
        for argument in sql_arguments(call):
            how = formatting(argument)
            expect(
                how is None,
                f"Line {call.lineno} builds the SQL for {name}() with {how}, so the search text becomes part of the SQL: "
                "escaping quotes by hand is not enough. Write %s in fixed SQL text and pass the value in a list "
                f"({name}(\"... LIKE %s ...\", [pattern])), or use the ORM.",
                expected=f'{name}("SELECT ... LIKE %s ...", [value])',
                actual=f"line {call.lineno}: {ast.get_source_segment(source(), argument) or how}",
            )

