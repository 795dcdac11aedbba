"""Django 05: the page is checked over HTTP with comments made up for this run (put in COMMENTS
through the given seed view); that it comes from the comments.html template, which extends
base.html, is read from the submitted source in the checks' own sandbox (HTTP shows only the HTML)."""

import ast
import html
import random
import re
import string

from crossroads_checks import django_view_code, dotted_name, expect, expect_no_text, expect_status, fresh_int, fresh_title, fresh_word, syntax_tree

TEMPLATE_CALLS = ("render", "render_to_string", "get_template", "select_template", "TemplateResponse", "SimpleTemplateResponse", "as_view")
EXTENDS_BASE = re.compile(r"""\{%-?\s*extends\s+(["'])base\.html\1\s*-?%\}""")


def module_constant(name):
    """The value node of a simple module-level constant (NAME = ... at the top level, given no other
    value anywhere in the file, not even a local of the same name); None otherwise."""
    values, stores = [], 0
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            stores += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            stores += 1
        elif isinstance(node, ast.arg) and node.arg == name:
            stores += 1
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name.split(".")[0]) == name for a in node.names):
            stores += 1
    for statement in syntax_tree().body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            if statement.targets[0].id == name:
                values.append(statement.value)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id == name:
            if statement.value is not None:
                values.append(statement.value)
    return values[0] if len(values) == 1 and stores == 1 else None


def text_of(node, depth=0):
    """The text of a string literal, also one built with + from literals or held in a simple module
    constant (TEMPLATE = "comments.html"); None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and depth < 10:
        left, right = text_of(node.left, depth + 1), text_of(node.right, depth + 1)
        if left is not None and right is not None:
            return left + right
    if isinstance(node, ast.Name) and depth < 10:
        value = module_constant(node.id)
        return text_of(value, depth + 1) if value is not None else None
    return None


def source_texts():
    return [text for text in (text_of(node) for node in ast.walk(syntax_tree())) if text is not None]


def names_comments_template(node, depth=0):
    """True when node is "comments.html" or a list/tuple holding it (also through module constants)."""
    if isinstance(node, ast.Name) and depth < 10 and module_constant(node.id) is not None:
        return names_comments_template(module_constant(node.id), depth + 1)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(names_comments_template(item, depth + 1) for item in node.elts)
    return text_of(node) == "comments.html"


# Hooks Django calls on a view class without the code naming them.
HOOKS = ("get", "post", "dispatch", "get_template_names", "get_context_data", "render_to_response", "setup")


def view_code(url):
    """[the code that serves url] (see django_view_code), or None if no route."""
    found = django_view_code(url, HOOKS)
    return found and found[1]


def renders_comments_template(nodes):
    """In nodes: render(request, "comments.html", ...) and its kin, TemplateView.as_view(template_name=...),
    a view class's template_name, or a get_template_names() that returns "comments.html"."""
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, ast.Call):
                name = dotted_name(node.func).rsplit(".", 1)[-1] or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
                if name in TEMPLATE_CALLS and any(names_comments_template(arg) for arg in [*node.args, *(k.value for k in node.keywords)]):
                    return True
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "template_name" for t in node.targets):
                if names_comments_template(node.value):
                    return True
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "get_template_names":
                returns = [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None]
                if returns and all(names_comments_template(value) for value in returns):
                    return True
    return False


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


def set_comments(client, comments):
    """Replaces COMMENTS through the given POST /seed/comments/ view."""
    response = client.post("/seed/comments/", json=comments, headers=csrf_headers(client))
    expect(response.status == 200, "The given POST /seed/comments/ replaces COMMENTS (keep that view as it is)", expected="200", response=response)
    return comments


def plain_comments(count):
    return [{"author": fresh_word().capitalize(), "text": f"{fresh_title()}!"} for _ in range(count)]


def page(client):
    response = client.get("/comments/")
    expect_status(response, 200)
    return response


def normalized(text):
    """HTML with the whitespace next to tags removed and other runs collapsed: layout does not matter."""
    text = re.sub(r"\s*(<[^>]*>)\s*", r"\1", text)
    return " ".join(text.split())


def list_items(response):
    return re.findall(r"<li\b[^>]*>(.*?)</li>", normalized(response.text), flags=re.S)


def escaped(text):
    """What Django's autoescaping makes of text."""
    return html.escape(text, quote=True)


def check_uses_templates(client):
    """The view renders comments.html, which extends base.html"""
    expect(any(EXTENDS_BASE.search(text) for text in source_texts()),
           'comments.html must start with {% extends "base.html" %}, so the page shares the base layout instead of copying it.',
           expected='{% extends "base.html" %} in comments.html', actual="no {% extends \"base.html\" %} in your templates")
    nodes = view_code("/comments/")
    expect(nodes is not None, 'The checks could not find which view urlpatterns routes /comments/ to. Route it in main.py with '
           'path("comments/", your_view) (the checks read urlpatterns, also through include([...]))',
           expected='path("comments/", ...) in urlpatterns', actual="no path() for /comments/ that the checks can read")
    expect(renders_comments_template(nodes), 'The view that urlpatterns routes /comments/ to must render the template: '
           'return render(request, "comments.html", {...}) in that view (or in code it calls). A view that renders it '
           'but is not routed to /comments/ does not count.',
           expected='render(request, "comments.html", {"comments": COMMENTS})', actual='no render(...) of "comments.html" in the view for /comments/')
    set_comments(client, plain_comments(2))
    response = page(client)
    expect("<main>" in normalized(response.text), "The page has base.html's layout around the list", expected="<main>...</main> from base.html", response=response)


def check_title(client):
    """The title says how many comments there are"""
    count = fresh_int(2, 7)
    set_comments(client, plain_comments(count))
    response = page(client)
    wanted = f"<title>Comments ({count})</title>"
    expect(wanted in normalized(response.text), f"With {count} comments the title is Comments ({count})", expected=wanted, response=response)


def check_lists_comments(client):
    """Each comment is a list item TEXT by AUTHOR, in order"""
    comments = set_comments(client, plain_comments(3))
    response = page(client)
    wanted = [f"{c['text']} by {c['author']}" for c in comments]
    expect(list_items(response) == wanted, "Each comment is one <li>TEXT by AUTHOR</li>, in the order of COMMENTS",
           expected=[f"<li>{item}</li>" for item in wanted], actual=list_items(response))


def check_escapes_script(client):
    """Comment text is escaped: a <script> comment shows as text and never runs"""
    word = fresh_word()
    comments = set_comments(client, [
        {"author": "Mallory", "text": f"<script>alert('{word}')</script>"},
        {"author": fresh_word().capitalize(), "text": f"Tom & Jerry > {word.capitalize()} & \"Co\""},
    ])
    response = page(client)
    expect_no_text(response, "<script>")
    wanted = [f"{escaped(c['text'])} by {c['author']}" for c in comments]
    expect(list_items(response) == wanted, "The text is escaped once: < becomes &lt;, & becomes &amp; (not &amp;lt;)",
           expected=[f"<li>{item}</li>" for item in wanted], actual=list_items(response))


def check_empty_list(client):
    """With no comments, the page says No comments yet."""
    set_comments(client, [])
    response = page(client)
    text = normalized(response.text)
    expect("<title>Comments (0)</title>" in text, "With no comments the title is Comments (0)", expected="<title>Comments (0)</title>", response=response)
    expect(list_items(response) == ["No comments yet."], "With no comments the list has one item: No comments yet.",
           expected=["<li>No comments yet.</li>"], actual=list_items(response))
