import ast
import re

from crossroads_checks import (
    dotted_name,
    expect,
    expect_header,
    expect_status,
    find_definitions,
    fresh_int,
    fresh_title,
    keyword_argument,
    syntax_tree,
)

ERROR = "Seats must be between 1 and 500."


def fresh_event(seats=None):
    return {
        "name": fresh_title(),
        "starts_on": f"2027-{fresh_int(1, 12):02d}-{fresh_int(1, 28):02d}",
        "seats": str(fresh_int(1, 500) if seats is None else seats),
    }


def csrf_token(response):
    """The value of the form's hidden csrfmiddlewaretoken input."""
    for tag in re.findall(r"<input\b[^>]*>", response.text):
        if re.search(r"""name=["']?csrfmiddlewaretoken\b""", tag):
            value = re.search(r"""value=["']?([^"'\s>]+)""", tag)
            return value.group(1) if value else None
    return None


def get_form(client):
    response = client.get("/events/new/")
    expect_status(response, 200)
    return response


def submit(client, data):
    """What a browser does: load the form (which sets the CSRF cookie), then post it with the token."""
    token = csrf_token(get_form(client))
    expect(token, "The form has a hidden csrfmiddlewaretoken input: add {% csrf_token %} inside the <form>",
           expected='<input type="hidden" name="csrfmiddlewaretoken" value="...">', response=client.last[1])
    return client.post("/events/new/", data={**data, "csrfmiddlewaretoken": token})


def event_names(client):
    return client.get("/events/").text


def check_get_shows_form_with_csrf(client):
    """GET /events/new/ shows the form with a CSRF token"""
    response = get_form(client)
    expect(csrf_token(response), "The form has a hidden csrfmiddlewaretoken input (from {% csrf_token %})",
           expected='<input type="hidden" name="csrfmiddlewaretoken" value="...">', response=response)
    for field in ("name", "starts_on", "seats"):
        expect(re.search(rf"""name=["']?{field}\b""", response.text), f"The form has an input called {field!r}", expected=f'name="{field}"', response=response)


def check_post_without_token_is_refused(client):
    """A POST without the CSRF token is refused with 403"""
    event = fresh_event()
    response = client.post("/events/new/", data=event)
    expect_status(response, 403)
    expect(event["name"] not in event_names(client), "A refused POST saves nothing", expected="no new event", actual=event_names(client))


# ---- How EventForm is built: read from your main.py (the page looks the same for a plain Form) ----

FIELDS = {"name", "starts_on", "seats"}


def import_origins():
    """{local name: full dotted name} for every import ('MF' -> 'django.forms.ModelForm', 'forms' -> 'django.forms')."""
    origins = {}
    for node in ast.walk(syntax_tree()):
        if isinstance(node, ast.Import):
            for alias in node.names:
                origins[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                origins[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return origins


def last_name(node, origins):
    name = dotted_name(node)
    head, _, rest = name.partition(".")
    full = origins.get(head, head) + (f".{rest}" if rest else "")
    return full.rsplit(".", 1)[-1]


def is_model_form(class_def, classes, origins, seen=()):
    for base in class_def.bases:
        name = dotted_name(base)
        if name in classes and name not in seen:
            if is_model_form(classes[name], classes, origins, (*seen, name)):
                return True
        elif last_name(base, origins) == "ModelForm":
            return True
    return False


def meta_of(class_def, classes, seen=()):
    """The Meta class body of a form class, or of the nearest form class it inherits from in your file."""
    for statement in class_def.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Meta":
            return statement
    for base in class_def.bases:
        name = dotted_name(base)
        if name in classes and name not in seen:
            found = meta_of(classes[name], classes, (*seen, name))
            if found is not None:
                return found
    return None


def field_names(node):
    """The field names a literal list/tuple/set of strings gives, '__all__', or None when not written out."""
    if isinstance(node, ast.Constant) and node.value == "__all__":
        return "__all__"
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return {e.value for e in node.elts}
    return None


def expect_model_and_fields(model, fields, exclude, where):
    expect(model is not None and dotted_name(model).rsplit(".", 1)[-1] == "Event", f"EventForm's {where} names the Event model",
           expected="model = Event", actual=dotted_name(model) if model is not None else "no model")
    names = field_names(fields) if fields is not None else None
    if names is not None and names != "__all__":
        expect(names == FIELDS, "EventForm has exactly the fields name, starts_on and seats", expected=sorted(FIELDS), actual=sorted(names))
    if fields is None:
        expect(exclude is not None, f"EventForm's {where} lists its fields", expected='fields = ["name", "starts_on", "seats"]', actual="no fields")
        excluded = field_names(exclude)
        if isinstance(excluded, set):
            expect(not excluded & FIELDS, "EventForm keeps the fields name, starts_on and seats", expected=sorted(FIELDS), actual=f"exclude = {sorted(excluded)}")


def check_is_model_form(client):
    """EventForm is a ModelForm for Event with name, starts_on and seats (read from your code)"""
    origins = import_origins()
    classes = {c.name: c for c in find_definitions(ast.ClassDef)}
    form = classes.get("EventForm")
    if form is None:
        for statement in syntax_tree().body:  # EventForm = modelform_factory(Event, fields=[...])
            if (isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "EventForm" for t in statement.targets)
                    and isinstance(statement.value, ast.Call) and last_name(statement.value.func, origins) == "modelform_factory"):
                call = statement.value
                model = call.args[0] if call.args else keyword_argument(call, "model")
                expect_model_and_fields(model, keyword_argument(call, "fields"), keyword_argument(call, "exclude"), "modelform_factory() call")
                return
        expect(False, "main.py defines a form class called EventForm", expected="class EventForm(forms.ModelForm)", actual="no EventForm")
    expect(is_model_form(form, classes, origins),
           "EventForm is a plain Form: base it on forms.ModelForm, so its fields and their rules come from the Event model",
           expected="class EventForm(forms.ModelForm)", actual=f"class EventForm({', '.join(dotted_name(b) for b in form.bases)})")
    meta = meta_of(form, classes)
    expect(meta is not None, "EventForm has an inner class Meta that names the model and its fields",
           expected='class Meta:\n    model = Event\n    fields = ["name", "starts_on", "seats"]', actual="no class Meta")
    values = {}
    for statement in meta.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = statement.value
    expect_model_and_fields(values.get("model"), values.get("fields"), values.get("exclude"), "Meta")


def check_valid_post_saves_and_redirects(client):
    """A valid POST saves the event and redirects to /events/"""
    event = fresh_event()
    response = submit(client, event)
    expect_status(response, 302, 303)
    location = expect_header(response, "Location")
    expect(location in ("/events/", "http://localhost/events/"), "A saved event redirects to /events/", expected="Location: /events/", actual=location)
    expect(event["name"] in event_names(client), "The new event is saved (GET /events/ lists it)", expected=event["name"], actual=event_names(client))


def check_seats_range(client):
    """0 and 501 seats are refused with the message; 1 and 500 are accepted"""
    for seats in (0, 501):
        event = fresh_event(seats)
        response = submit(client, event)
        expect_status(response, 200)
        expect(ERROR in response.text, f"{seats} seats shows the error {ERROR!r}", expected=ERROR, response=response)
        expect(event["name"] not in event_names(client), f"An event with {seats} seats is not saved", expected="no new event", actual=event_names(client))
    for seats in (1, 500):
        event = fresh_event(seats)
        response = submit(client, event)
        expect_status(response, 302, 303)
        expect(event["name"] in event_names(client), f"An event with {seats} seats is saved", expected=event["name"], actual=event_names(client))


def check_invalid_post_shows_errors(client):
    """An invalid POST shows the same form again, with the errors and what the user typed"""
    event = fresh_event(fresh_int(501, 9000))
    response = submit(client, event)
    expect_status(response, 200)
    expect(ERROR in response.text, "The page shows the seats error", expected=ERROR, response=response)
    expect(f'value="{event["name"]}"' in response.text, "The form keeps what the user typed: render the same bound form, not a new one",
           expected=f'value="{event["name"]}"', response=response)
    bad_date = {**fresh_event(), "starts_on": "not a date"}
    response = submit(client, bad_date)
    expect_status(response, 200)
    expect("Enter a valid date." in response.text, "A date that is not a date shows Django's error for the field", expected="Enter a valid date.", response=response)
    expect(bad_date["name"] not in event_names(client), "An invalid event is not saved", expected="no new event", actual=event_names(client))
