import ast
import random
import string

from crossroads_checks import (
    expect,
    expect_json,
    expect_no_text,
    expect_status,
    expect_text,
    find_calls,
    find_definitions,
    fresh_int,
    fresh_title,
    fresh_word,
    keyword_argument,
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


def add_note(client, note_id):
    """A note made up for this run, stored through the given POST /seed/notes/ view. Returns it."""
    note = {"id": note_id, "title": fresh_title(), "body": f"{fresh_title(4)} {fresh_word()}"}
    response = client.post("/seed/notes/", json=note, headers=csrf_headers(client))
    expect(response.status == 201, "The given POST /seed/notes/ stores a note (keep that view and its route as they are)", expected="201", response=response)
    return note


def module_assignments():
    found = {}
    for node in syntax_tree().body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found[node.target.id] = node.value
    return found


def strings_in(node, names, depth=0):
    """The string entries of a list expression: literals, + and * unpacking, names bound at module level."""
    if depth > 8 or node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for item in node.elts for s in strings_in(item, names, depth + 1)]
    if isinstance(node, ast.Starred):
        return strings_in(node.value, names, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return strings_in(node.left, names, depth + 1) + strings_in(node.right, names, depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple") and node.args:
        return strings_in(node.args[0], names, depth + 1)
    if isinstance(node, ast.Name) and node.id in names:
        return strings_in(names[node.id], names, depth + 1)
    return []


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
    calls = [call for call in find_calls("configure") if keyword_argument(call, "INSTALLED_APPS") is not None]
    expect(bool(calls), "The settings (the django_setup.configure(...) call) keep their INSTALLED_APPS=[...] list: add the notes app to it", expected="INSTALLED_APPS=[..., \"main.NotesConfig\"]")
    entries = strings_in(keyword_argument(calls[0], "INSTALLED_APPS"), module_assignments())
    missing = [app for app in GIVEN_APPS if app not in entries]
    expect(not missing, "Add the notes app to INSTALLED_APPS without removing the apps already listed: the project's middleware and templates use them", expected=", ".join(GIVEN_APPS), actual=f"missing: {', '.join(missing)}")
    configs = {
        cls.name: cls
        for cls in find_definitions(ast.ClassDef)
        if any(isinstance(base, (ast.Name, ast.Attribute)) and (getattr(base, "id", None) or getattr(base, "attr", None)) == "AppConfig" for base in cls.bases)
    }
    labelled = [name for name, cls in configs.items() if class_label(cls) == "notes"]
    expect(bool(labelled), "Keep the app's configuration class: an AppConfig subclass with label = \"notes\" (startapp writes it in notes/apps.py)", expected='class NotesConfig(AppConfig): ... label = "notes"')
    registered = [name for name in labelled if f"main.{name}" in entries]
    if "main" in entries and not registered:
        expect(False, "\"main\" registers the module with Django's default AppConfig, labelled \"main\": list the class instead, \"main.NotesConfig\", so the app is labelled \"notes\"", expected="\"main.NotesConfig\"", actual='"main"')
    expect(bool(registered), "List the app in INSTALLED_APPS by the dotted path of its AppConfig class, the way a project lists \"notes.apps.NotesConfig\"", expected=f'"main.{labelled[0]}"', actual=", ".join(repr(e) for e in entries))
    note = next((cls for cls in find_definitions(ast.ClassDef) if cls.name == "Note"), None)
    expect(note is not None and meta_app_label(note) == "notes", "The Note model belongs to the notes app: keep `class Meta: app_label = \"notes\"`", expected='app_label = "notes"', actual=repr(meta_app_label(note)) if note else "no Note class")


def check_list(client):
    """GET /notes/ shows every note's title, linked to its own page"""
    # Added highest id first, so the order they were added in is not id order.
    notes = [add_note(client, note_id) for note_id in sorted(fresh_ids(3), reverse=True)]
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
    expect(
        note["title"] in page and note["body"] in page,
        "The page shows the note whose id is in the URL: fetch it by that id and render notes/detail.html with it as `note`",
        expected=f"{note['title']} / {note['body']}",
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
    """DEBUG is off: a 404 does not list the project's URL patterns"""
    response = client.get(f"/{fresh_word()}/{fresh_word()}/")
    expect_status(response, 404)
    for tell in ("URLconf", "Django tried these URL patterns", "DEBUG = True"):
        expect(tell not in response.text, "The 404 page is Django's debug page, which shows every URL pattern of the project to anyone: set DEBUG=False (the boolean, not a string) in the settings", expected="a plain Not Found page", response=response)
