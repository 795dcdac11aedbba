import ast
import html
import random
import string

from crossroads_checks import (
    dotted_name,
    expect,
    expect_json,
    expect_no_text,
    expect_status,
    expect_text,
    find_definitions,
    fresh_int,
    fresh_title,
    fresh_word,
    syntax_tree,
)

GIVEN_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]


def csrf_headers(client):
    """Django accepts a POST whose X-CSRFToken header matches the csrftoken cookie: make up both."""
    token = "".join(random.SystemRandom().choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return {"X-CSRFToken": token}


USED_IDS = set()


def fresh_ids(count):
    """Ids for this run's notes: new, far apart, and below the ids the 404 check asks for."""
    ids = []
    while len(ids) < count:
        note_id = random.SystemRandom().randrange(1_000, 99_999)
        if note_id not in USED_IDS:
            USED_IDS.add(note_id)
            ids.append(note_id)
    return ids


def add_note(client, note_id, title=None):
    """A note made up for this run, stored through the given POST /seed/notes/ view. Returns it.

    The body holds < > and &, which a template escapes: a page built by hand shows them as markup.
    """
    note = {"id": note_id, "title": title or fresh_title(), "body": f"{fresh_title(3)} & <{fresh_word()}>"}
    response = client.post("/seed/notes/", json=note, headers=csrf_headers(client))
    expect(response.status == 201, "The given POST /seed/notes/ stores a note (keep that view and its route as they are)", expected="201", response=response)
    return note


UNKNOWN = object()
MODULE = "main"  # the learner's file is imported as the module main


def app_config_classes():
    """The module-level classes that subclass AppConfig (AppConfig or apps.AppConfig), by name."""
    return {
        node.name: node
        for node in syntax_tree().body
        if isinstance(node, ast.ClassDef)
        and any(isinstance(base, (ast.Name, ast.Attribute)) and (getattr(base, "id", None) or getattr(base, "attr", None)) == "AppConfig" for base in node.bases)
    }


def evaluate(node, names, classes):
    """The value of a settings expression as Python data (str, list, dict), or UNKNOWN.

    Reads what a settings file is made of: literals, + and * unpacking, f-strings, list()/tuple()/dict(),
    names bound earlier at module level, __name__ (the module main) and an AppConfig class's
    __module__, __name__ and name.
    """
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = []
        for item in node.elts:
            if isinstance(item, ast.Starred):
                inner = evaluate(item.value, names, classes)
                if not isinstance(inner, (list, tuple)):
                    return UNKNOWN
                items.extend(inner)
            else:
                items.append(evaluate(item, names, classes))
        return items
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = evaluate(node.left, names, classes), evaluate(node.right, names, classes)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
        if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
            return list(left) + list(right)
        return UNKNOWN
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        right = evaluate(node.right, names, classes)
        values = tuple(right) if isinstance(right, (list, tuple)) and isinstance(node.right, ast.Tuple) else (right,)
        return format_text(lambda: node.left.value % values, values)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
        and node.func.attr in ("format", "join")
        and not node.keywords
    ):
        args = [evaluate(arg, names, classes) for arg in node.args]
        if node.func.attr == "join":
            return format_text(lambda: node.func.value.value.join(args[0]), args[0] if len(args) == 1 and isinstance(args[0], (list, tuple)) else [UNKNOWN])
        return format_text(lambda: node.func.value.value.format(*args), args)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            value = evaluate(part.value if isinstance(part, ast.FormattedValue) else part, names, classes)
            if not isinstance(value, str) or (isinstance(part, ast.FormattedValue) and (part.conversion not in (-1, 115) or part.format_spec)):
                return UNKNOWN
            parts.append(value)
        return "".join(parts)
    if isinstance(node, ast.Name):
        if node.id == "__name__":
            return MODULE
        return names.get(node.id, UNKNOWN)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in classes:
        if node.attr == "__module__":
            return MODULE
        if node.attr in ("__name__", "__qualname__"):
            return node.value.id
        for item in classes[node.value.id].body:
            if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.attr for t in item.targets):
                return evaluate(item.value, names, classes)
        return UNKNOWN
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in ("list", "tuple") and len(node.args) == 1 and not node.keywords:
            inner = evaluate(node.args[0], names, classes)
            return list(inner) if isinstance(inner, (list, tuple)) else UNKNOWN
        if node.func.id == "dict" and not node.args:
            return evaluate_keywords(node.keywords, names, classes)
    if isinstance(node, ast.Dict):
        result = {}
        for key, value in zip(node.keys, node.values):
            if key is None:
                inner = evaluate(value, names, classes)
                if not isinstance(inner, dict):
                    return UNKNOWN
                result.update(inner)
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                result[key.value] = evaluate(value, names, classes)
            else:
                return UNKNOWN
        return result
    return UNKNOWN


def format_text(make, values):
    """make() when every value it uses is a string (% formatting, str.format, str.join), else UNKNOWN."""
    if not all(isinstance(value, str) for value in values):
        return UNKNOWN
    try:
        return make()
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return UNKNOWN


def evaluate_keywords(keywords, names, classes):
    """The keyword arguments of a call (name=value and **mapping) as one dict, or UNKNOWN."""
    result = {}
    for keyword in keywords:
        value = evaluate(keyword.value, names, classes)
        if keyword.arg is not None:
            result[keyword.arg] = value
        elif isinstance(value, dict):
            result.update(value)
        else:
            return UNKNOWN
    return result


def is_configure_call(node):
    return isinstance(node, ast.Call) and dotted_name(node.func).split(".")[-1] == "configure"


def statement_call(statement):
    """The call a module-level statement makes (`f(...)` or `x = f(...)`), or None."""
    if isinstance(statement, (ast.Expr, ast.Assign, ast.AnnAssign)) and isinstance(statement.value, ast.Call):
        return statement.value
    return None


def container(node, names):
    """The list or dict a name or a constant subscript of one (SETTINGS["INSTALLED_APPS"]) is bound to."""
    if isinstance(node, ast.Name):
        return names.get(node.id, UNKNOWN)
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        outer = container(node.value, names)
        if isinstance(outer, dict):
            return outer.get(node.slice.value, UNKNOWN)
    return UNKNOWN


def first_configure_settings():
    """The settings the project really starts with: (settings dict or UNKNOWN, whether a later call has any,
    the module-level names bound before it).

    Settings are configured once: the first module-level configure(...) call counts and later ones change
    nothing. Names bound before it are followed in order (=, +=, append, extend, insert); any other change
    to a list makes it unreadable rather than guessed.
    """
    classes = app_config_classes()
    names = {}
    first = None
    statements = syntax_tree().body
    for index, statement in enumerate(statements):
        call = statement_call(statement)
        if call is not None and is_configure_call(call):
            first = evaluate_keywords(call.keywords, names, classes)
            later = [s for s in statements[index + 1:] for node in ast.walk(s) if is_configure_call(node)]
            return first, bool(later), names
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            value = evaluate(statement.value, names, classes)
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    names[target.id] = value
                elif isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) and isinstance(container(target.value, names), dict):
                    container(target.value, names)[target.slice.value] = value
                else:
                    for node in ast.walk(target):
                        if isinstance(node, ast.Name):
                            names[node.id] = UNKNOWN
            continue
        if isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
            current = names.get(statement.target.id, UNKNOWN)
            extra = evaluate(statement.value, names, classes)
            if isinstance(statement.op, ast.Add) and isinstance(current, list) and isinstance(extra, (list, tuple)):
                current.extend(extra)
            elif isinstance(statement.op, ast.Add) and isinstance(current, str) and isinstance(extra, str):
                names[statement.target.id] = current + extra
            else:
                names[statement.target.id] = UNKNOWN
            continue
        # Any other statement that changes a bound list: follow append/extend/insert, distrust the rest.
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in ("globals", "vars", "locals", "exec", "eval", "setattr", "__import__"):
                    names = dict.fromkeys(names, UNKNOWN)
                elif node.func.id not in ("list", "tuple", "dict", "len", "print", "sorted"):
                    for arg in [*node.args, *(keyword.value for keyword in node.keywords)]:
                        forget(arg, names)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = container(node.func.value, names)
                if not isinstance(target, (list, dict)):
                    continue
                args = [evaluate(arg, names, classes) for arg in node.args]
                if isinstance(target, list) and isinstance(statement, ast.Expr) and statement.value is node:
                    if node.func.attr == "append" and len(args) == 1:
                        target.append(args[0])
                        continue
                    if node.func.attr == "extend" and len(args) == 1 and isinstance(args[0], (list, tuple)):
                        target.extend(args[0])
                        continue
                    if node.func.attr == "insert" and len(args) == 2 and isinstance(args[0], int):
                        target.insert(args[0], args[1])
                        continue
                if node.func.attr not in ("copy", "count", "index", "get", "keys", "values", "items"):
                    forget(node.func.value, names)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                for target in node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]:
                    forget(target, names)
            elif isinstance(node, (ast.For, ast.NamedExpr)):
                forget(node.target, names)
    return None, False, names


def forget(node, names):
    """Mark every name node refers to as unreadable (it was changed in a way not followed)."""
    if node is None:
        return
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and inner.id in names:
            names[inner.id] = UNKNOWN


def class_label(cls):
    """The class-level `label = "..."` of an AppConfig subclass, or None."""
    for item in cls.body:
        targets = item.targets if isinstance(item, ast.Assign) else [item.target] if isinstance(item, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "label" for t in targets):
            if isinstance(item.value, ast.Constant) and isinstance(item.value.value, str):
                return item.value.value
    return None


def meta_app_label(cls):
    for item in cls.body:
        if isinstance(item, ast.ClassDef) and item.name == "Meta":
            for statement in item.body:
                if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "app_label" for t in statement.targets):
                    if isinstance(statement.value, ast.Constant):
                        return statement.value.value
    return None


def check_app_registered(client):
    """The notes app is registered in INSTALLED_APPS through its AppConfig, next to the given apps"""
    # With app_label set on the model, Django runs the pages even for an app it does not know, so whether
    # the app is installed is read from the settings the project starts with.
    settings, later_call, names = first_configure_settings()
    expect(settings is not None, "Keep the django_setup.configure(...) call near the top of the file: it is the project's settings", expected="django_setup.configure(DEBUG=False, INSTALLED_APPS=[...], templates={...})")
    expect(settings is not UNKNOWN, "The settings passed to django_setup.configure(...) could not be read: write them as keyword arguments (INSTALLED_APPS=[...]), or a dict unpacked with **", expected="INSTALLED_APPS=[..., \"main.NotesConfig\"]")
    if "INSTALLED_APPS" not in settings and later_call:
        expect(False, "Django is configured once: the first configure(...) call is the one that counts, and a later one changes nothing. Put INSTALLED_APPS in that first call", expected="INSTALLED_APPS=[..., \"main.NotesConfig\"] in the first configure(...) call")
    expect("INSTALLED_APPS" in settings, "The settings (the django_setup.configure(...) call) keep their INSTALLED_APPS=[...] list: add the notes app to it", expected="INSTALLED_APPS=[..., \"main.NotesConfig\"]")
    apps = settings["INSTALLED_APPS"]
    expect(isinstance(apps, (list, tuple)), "INSTALLED_APPS could not be read: write it as a list of strings (names bound above the configure(...) call, +, +=, append and f-strings are fine)", expected="INSTALLED_APPS=[..., \"main.NotesConfig\"]")
    entries = [entry for entry in apps if isinstance(entry, str)]
    missing = [app for app in GIVEN_APPS if app not in entries]
    expect(not missing, "Add the notes app to INSTALLED_APPS without removing the apps already listed: the project's middleware and templates use them", expected=", ".join(GIVEN_APPS), actual=f"missing: {', '.join(missing)}")
    configs = app_config_classes()
    labelled = [name for name, cls in configs.items() if class_label(cls) == "notes"]
    expect(bool(labelled), "Keep the app's configuration class: an AppConfig subclass with label = \"notes\" (startapp writes it in notes/apps.py)", expected='class NotesConfig(AppConfig): ... label = "notes"')
    registered = [name for name in labelled if f"{MODULE}.{name}" in entries]
    if MODULE in entries and not registered:
        expect(False, "\"main\" registers the module with Django's default AppConfig, labelled \"main\": list the class instead, \"main.NotesConfig\", so the app is labelled \"notes\"", expected="\"main.NotesConfig\"", actual='"main"')
    for name, value in names.items():
        if not registered and isinstance(value, list) and any(f"{MODULE}.{label}" in value for label in labelled):
            expect(False, f"Your list {name} names the app, but it is not the INSTALLED_APPS that django_setup.configure(...) receives: pass it there, INSTALLED_APPS={name}", expected=f"INSTALLED_APPS={name}", actual=", ".join(repr(e) for e in entries))
    unreadable = " (some entries could not be read: write them as strings)" if len(entries) < len(apps) else ""
    expect(bool(registered), f"List the app in INSTALLED_APPS by the dotted path of its AppConfig class, the way a project lists \"notes.apps.NotesConfig\"{unreadable}", expected=f'"{MODULE}.{labelled[0]}"', actual=", ".join(repr(e) for e in entries))
    note = next((cls for cls in find_definitions(ast.ClassDef) if cls.name == "Note"), None)
    expect(note is not None and meta_app_label(note) == "notes", "The Note model belongs to the notes app: keep `class Meta: app_label = \"notes\"`", expected='app_label = "notes"', actual=repr(meta_app_label(note)) if note else "no Note class")


def check_list(client):
    """GET /notes/ shows every note's title, linked to its own page"""
    # Added highest id first, and titled so that alphabetical order is the reverse of id order: neither the
    # order they were added in nor ordering by title gives id order.
    titles = set()
    while len(titles) < 3:
        titles.add(fresh_title())
    ids = sorted(fresh_ids(3))
    pairs = list(zip(ids, sorted(titles, reverse=True)))
    notes = [add_note(client, note_id, title) for note_id, title in reversed(pairs)]
    response = client.get("/notes/")
    expect(response.status != 500, f"Expected a page from {response.request}, but the view crashed (500)", expected="status 200", response=response)
    expect_status(response, 200)
    for note in notes:
        expect(
            " ".join(note["title"].split()) in " ".join(response.text.split()),
            "The list shows every note in the database: render notes/list.html with the notes queried in the view, as `notes`",
            expected=note["title"],
            response=response,
        )
        expect_text(response, f'href="/notes/{note["id"]}/"')
    body = response.text
    by_id = sorted(notes, key=lambda n: n["id"])
    positions = [body.find(note["title"]) for note in by_id]
    expect(positions == sorted(positions), "The notes come in id order, lowest first: order the query by id", expected=[n["title"] for n in by_id], response=response)


def check_detail(client):
    """GET /notes/<id>/ shows that note's title and body"""
    low_id, high_id = sorted(fresh_ids(2))
    other = add_note(client, low_id)
    note = add_note(client, high_id)
    response = client.get(f"/notes/{note['id']}/")
    expect(response.status != 500, f"Expected a page from {response.request}, but the view crashed (500)", expected="status 200", response=response)
    expect(response.status != 404, f"Note {note['id']} exists (the checks just added it), but {response.request} is a 404: route /notes/<id>/ and look the note up by its id", expected="status 200", response=response)
    expect_status(response, 200)
    page = " ".join(response.text.split())
    body = html.escape(note["body"], quote=False)
    if note["title"] in page and body not in page and note["body"] in page:
        expect(False, "The note's body is in the page as raw markup, not escaped: render notes/detail.html, whose template escapes it, instead of building the HTML yourself", expected=body, response=response)
    expect(
        note["title"] in page and body in page,
        "The page shows the note whose id is in the URL: fetch it by that id and render notes/detail.html with it as `note`",
        expected=f"{note['title']} / {body}",
        response=response,
    )
    expect_no_text(response, other["title"])


def check_missing_note(client):
    """An unknown id or a non-numeric id is a 404, not a crash"""
    for path in (f"/notes/{fresh_int(100_000, 999_999)}/", f"/notes/{fresh_word()}/"):
        response = client.get(path)
        expect(response.status != 500, f"Expected a 404 from {response.request}, but the view crashed (500)", expected="status 404", response=response)
        expect_status(response, 404)


def check_debug_off(client):
    """DEBUG is off: error pages show no debug details (URL patterns, settings)"""
    response = client.get(f"/{fresh_word()}/{fresh_word()}/")
    expect_status(response, 404)
    for tell in ("URLconf", "Django tried these URL patterns", "DEBUG = True"):
        expect(tell not in response.text, "The 404 page is Django's debug page, which shows every URL pattern of the project to anyone: set DEBUG=False (the boolean, not a string) in the settings", expected="a plain Not Found page", response=response)
    # Django's other error pages show their debug version too while DEBUG is on: the 404 a view raises
    # and the 403 of a POST without a CSRF token.
    for response in (client.get(f"/notes/{fresh_int(100_000, 999_999)}/"), client.post("/notes/", data={"title": fresh_title()})):
        expect("DEBUG = True" not in " ".join(response.text.split()), f"The error page of {response.request} is Django's debug page: DEBUG is still on. Set DEBUG=False (the boolean, not a string) in the settings", expected="a plain error page", response=response)
