"""Checks for the background-tasks exercise.

The mail server is the given stand-in in main.py: send_email blocks for 0.3 s, refuses every address at
down.example, and records each email it delivered in the given GET /outbox?to=..., noting whether the signup's
response had been sent when the sending began (the given NoteWhenResponseSent middleware tells it) and whether
the sending ran on the event loop. Signups use fresh names and addresses; ids come from the responses.

The checks' server hands an answer over once the app has finished with the request, background tasks included (a
real server such as Uvicorn sends it before they run), so the checks never time the POST: they read the outbox's
notes, and they poll the outbox and the signup for a few seconds, as a client of a real server would. The last
check reads the submitted source (never run here) for what HTTP cannot show: a task made with
asyncio.create_task whose reference is thrown away. So does the first: the learner owns main.py, given code
included, so it makes sure the given code is as in the starter and that nothing else writes OUTBOX or ANSWERED
(a learner could otherwise forge the notes the other checks read).
"""

import ast
import time
from urllib.parse import quote

from crossroads_checks import (
    dotted_name,
    expect,
    expect_json,
    expect_status,
    find_definitions,
    fresh_int,
    fresh_title,
    fresh_word,
    syntax_tree,
)

WAIT = 2.0  # seconds the checks keep polling for what a background task does (the mail server takes 0.3 s)
ADD_TASK = (
    "Declare a parameter `background_tasks: BackgroundTasks` on the endpoint and call "
    "`background_tasks.add_task(send_welcome, signup_id)`: the function and its arguments, not its result"
)


# The given code, as in the starter: what it records is what the checks read, so it must not change.
GIVEN_SOURCE = '''
class MailServerError(Exception):
    pass


def send_email(to: str, subject: str) -> None:
    after_response = to in ANSWERED
    try:
        asyncio.get_running_loop()
        on_event_loop = True  # called from async code, not from a thread: the whole app waits
    except RuntimeError:
        on_event_loop = False
    time.sleep(MAIL_SECONDS)
    if to.endswith("@down.example"):
        raise MailServerError(f"the mail server could not deliver to {to}")
    OUTBOX.append({"to": to, "subject": subject, "after_response": after_response, "on_event_loop": on_event_loop})


class NoteWhenResponseSent:
    """Given: leave it as it is. Adds a signup's address to ANSWERED once its response has been sent."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"].rstrip("/") != "/signups":
            await self.app(scope, receive, send)
            return
        body = bytearray()

        async def reading_receive():
            message = await receive()
            body.extend(message.get("body", b""))
            return message

        async def noting_send(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                try:
                    ANSWERED.add(json.loads(body)["email"])
                except (ValueError, KeyError, TypeError):
                    pass

        await self.app(scope, reading_receive, noting_send)


@app.get("/outbox")
def outbox(to: str):
    return [email for email in OUTBOX if email["to"] == to]
'''
GIVEN_NAMES = ("MailServerError", "send_email", "NoteWhenResponseSent", "outbox")
RECORDS = ("OUTBOX", "ANSWERED")  # written only by the given send_email and NoteWhenResponseSent


def _shape(definition):
    """A definition's AST without its decorators and docstrings (comments are not in the AST)."""
    copy = ast.parse(ast.unparse(definition)).body[0]
    for node in ast.walk(copy):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node.decorator_list = []
            body = node.body
            first = body[0] if body else None
            if len(body) > 1 and isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant):
                if isinstance(first.value.value, str):
                    node.body = body[1:]
    return ast.dump(copy)


def _given_code_changes():
    """What the submitted code changed in the given stand-in, as sentences (empty when nothing)."""
    expected = {node.name: _shape(node) for node in ast.parse(GIVEN_SOURCE).body}
    tree = syntax_tree()
    problems = []
    given_nodes = set()
    for name in GIVEN_NAMES:
        bound = [
            node
            for node in tree.body
            if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name)
            or (isinstance(node, (ast.Assign, ast.AnnAssign, ast.ImportFrom, ast.Import)) and name in {
                *(target.id for target in ast.walk(node) if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)),
                *(alias.asname or alias.name for alias in getattr(node, "names", [])),
            })
        ]
        definitions = [node for node in bound if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        if not bound:
            problems.append(f"the given `{name}` is missing")
        elif len(bound) > 1:
            problems.append(f"`{name}` is defined more than once (lines {', '.join(str(node.lineno) for node in bound)})")
        elif not definitions or _shape(definitions[0]) != expected[name]:
            problems.append(f"the given `{name}` (line {bound[0].lineno}) is not as in the starter")
        for node in definitions:  # its own uses of OUTBOX and ANSWERED are reported with it, not again below
            given_nodes.update(id(inner) for inner in ast.walk(node))
    for node in tree.body:  # OUTBOX: list[dict] = [] and ANSWERED: set[str] = set(), as given
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id in RECORDS:
            given_nodes.update(id(inner) for inner in ast.walk(node))
    touched = sorted(
        {(node.lineno, node.id) for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id in RECORDS and id(node) not in given_nodes}
    )
    if touched:
        where = ", ".join(f"{name} on line {line}" for line, name in touched)
        problems.append(f"your code uses {where}, and only the given code may touch OUTBOX and ANSWERED")
    registered = any(
        isinstance(node, ast.Call)
        and dotted_name(node.func).endswith("add_middleware")
        and any(isinstance(arg, ast.Name) and arg.id == "NoteWhenResponseSent" for arg in node.args)
        for node in ast.walk(tree)
    )
    if not registered:
        problems.append("`app.add_middleware(NoteWhenResponseSent)` is gone, so nothing notes when a response has been sent")
    return problems


def check_given_mail_server_unchanged(client):
    """The given mail server stand-in, NoteWhenResponseSent and GET /outbox are as in the starter"""
    problems = _given_code_changes()
    expect(
        not problems,
        "The checks learn what happened from the given code: send_email records each email it really delivered, and "
        "whether the response had gone out and the event loop was free when it began. In your file, "
        + "; ".join(problems)
        + ". Put the given code back as it is in the starter (copy your own code first: \"Reset to starter\" replaces "
        "all of it), and let your task call send_email",
        expected="the given code unchanged, with OUTBOX and ANSWERED left to it",
    )


def fresh_signup(domain="example.com"):
    return {"name": fresh_title(), "email": f"{fresh_word()}{fresh_int(10, 999)}@{domain}"}


def explain_500(response):
    text = response.text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    error = lines[-1] if len(lines) > 1 else "an error"
    if "MailServerError" in text and "background.py" in text:
        return (
            f"{response.request} failed: MailServerError escaped your background task ({error}). On a real server the "
            "client would already have its 202, the error would only reach the log, and the signup would say 'pending' "
            "forever (this test server reports it as a 500). Catch MailServerError in the task and set the signup's "
            "welcome_email to 'failed'"
        )
    if "MailServerError" in text:
        return (
            f"{response.request} failed with 500: send_email raised {error} inside the request, so the signup broke "
            "because the mail server did. Send the email from a background task, after the response, and catch "
            "MailServerError there"
        )
    if "not callable" in text or "must be callable" in text:
        return (
            f"{response.request} failed with 500 ({error}). add_task(send_welcome(...)) calls the function at once, "
            "during the request, and queues what it returns (None), which fails once the response has gone out. Pass "
            "the function and its arguments separately: add_task(send_welcome, signup_id)"
        )
    return f"{response.request} failed with 500: your app raised {error}. The traceback is below"


def create(client, body):
    """POST /signups with body; returns the response after checking it is not a 500 or a 404."""
    response = client.post("/signups", json=body)
    if response.status == 500:
        expect(False, explain_500(response), expected="status 202", response=response)
    expect(response.status not in (404, 405), "POST /signups must create a signup: no route answers it", expected="status 202", response=response)
    return response


def created(client, body, exact_status=True):
    """A signup made through POST /signups (status and body checked), as the JSON it answered. Only the first check
    insists on 202: the others accept any 2xx, so each reports its own finding."""
    response = create(client, body)
    expect(
        response.status == 202 if exact_status else 200 <= response.status < 300,
        f"POST /signups answered {response.status}. Answer 202 Accepted (status_code=202): the signup is stored, but "
        "the work it starts, the welcome email, is not done when the response goes out",
        expected="status 202",
        response=response,
    )
    signup = expect_json(response)
    expect(
        isinstance(signup.get("id"), int) and signup.get("name") == body["name"] and signup.get("email") == body["email"],
        "POST /signups must answer the new signup: its id (a number), name and email",
        expected={"id": "<a number>", **body, "welcome_email": "pending"},
        response=response,
    )
    return signup


def poll(fetch, done, seconds=WAIT):
    """Calls fetch() until done(result) or the time is up; returns the last result."""
    deadline = time.monotonic() + seconds
    result = fetch()
    while not done(result) and time.monotonic() < deadline:
        time.sleep(0.1)
        result = fetch()
    return result


def outbox(client, address):
    response = client.get(f"/outbox?to={quote(address)}")
    expect(response.status == 200, "GET /outbox is given: leave it as it is", expected="status 200", response=response)
    return expect_json(response, kind=list)


def signup_state(client, signup_id):
    response = client.get(f"/signups/{signup_id}")
    expect_status(response, 200)
    return expect_json(response)


def check_signup_is_accepted_at_once(client):
    """POST /signups answers 202 at once with the new signup, its welcome email pending"""
    body = fresh_signup()
    signup = created(client, body)
    expect(
        signup.get("welcome_email") == "pending",
        "The answer to POST /signups must say welcome_email: 'pending'. It goes out before the background task runs, so "
        "the email cannot have been sent yet: an answer saying 'sent' means the endpoint sent it before answering, or "
        "marked it sent before it was. Let the task set 'sent' once send_email has returned",
        expected={**signup, "welcome_email": "pending"},
        actual=signup,
    )
    response = client.get(f"/signups/{signup['id']}")
    expect_status(response, 200)
    found = expect_json(response)
    expect(
        {key: found.get(key) for key in ("id", "name", "email")} == {key: signup[key] for key in ("id", "name", "email")},
        f"GET /signups/{signup['id']} must answer the signup that was created",
        expected=signup,
        response=response,
    )
    missing = 10**9 + fresh_int()
    expect_status(client.get(f"/signups/{missing}"), 404)


def check_welcome_email_sent_after_the_response(client):
    """The welcome email goes out once, after the response, off the event loop, and the signup then says sent"""
    body = fresh_signup()
    signup = created(client, body, exact_status=False)
    emails = poll(lambda: outbox(client, body["email"]), bool)
    expect(
        bool(emails),
        f"No welcome email reached the outbox within {WAIT} s of the 202 for {body['email']}. {ADD_TASK}. Tasks added to a "
        "BackgroundTasks() you create yourself are never run, and an async function called without await never runs",
        expected=f"one email to {body['email']}",
        actual=emails,
    )
    expect(len(emails) == 1, f"{body['email']} must get exactly one welcome email", expected="one email", actual=emails)
    email = emails[0]
    subject = f"Welcome, {body['name']}!"
    expect(email.get("subject") == subject, "The welcome email has the wrong subject", expected=subject, actual=email.get("subject"))
    expect(
        email.get("after_response") is True,
        "send_email began before the response to POST /signups was sent: the endpoint called it, so the client waited "
        "0.3 s for the mail server (and a refused address breaks the signup), or something started it during the "
        f"request. {ADD_TASK}; FastAPI runs the task only once the response has gone out",
        expected="after_response: true",
        actual=email,
    )
    expect(
        email.get("on_event_loop") is False,
        "send_email ran on the event loop: your task is an async function that calls the blocking send_email directly, "
        "so while it sleeps no other request is served. Make the task a plain def (FastAPI runs it in a thread), or "
        "call `await asyncio.to_thread(send_email, to, subject)` in it",
        expected="on_event_loop: false",
        actual=email,
    )
    state = poll(lambda: signup_state(client, signup["id"]), lambda found: found.get("welcome_email") == "sent")
    expect(
        state.get("welcome_email") == "sent",
        f"The email was delivered, but GET /signups/{signup['id']} still says welcome_email: "
        f"{state.get('welcome_email')!r}. Set it to 'sent' in the task, once send_email has returned",
        expected={**signup, "welcome_email": "sent"},
        actual=state,
    )


def check_refused_email_marks_the_signup_failed(client):
    """An email the mail server refuses marks the signup failed, and the next signup still gets its email"""
    body = fresh_signup("down.example")
    signup = created(client, body, exact_status=False)
    expect(
        signup.get("welcome_email") == "pending",
        "The answer to POST /signups must say welcome_email: 'pending', whatever the mail server does later",
        expected={**signup, "welcome_email": "pending"},
        actual=signup,
    )
    state = poll(lambda: signup_state(client, signup["id"]), lambda found: found.get("welcome_email") in ("sent", "failed"))
    if state.get("welcome_email") == "pending":
        expect(
            False,
            f"The mail server refuses {body['email']} (send_email raises MailServerError for down.example), and {WAIT} s "
            f"after the 202, GET /signups/{signup['id']} still says welcome_email: 'pending'. Nobody waits for a "
            "background task's answer, so record the failure where it can be seen: catch MailServerError in the task and "
            "set welcome_email to 'failed'. (If no email reaches the outbox at all, your task never runs: see the check "
            "above.)",
            expected={**signup, "welcome_email": "failed"},
            actual=state,
        )
    expect(
        state.get("welcome_email") == "failed",
        f"The mail server refused {body['email']} (send_email raised MailServerError), but GET /signups/{signup['id']} "
        f"says welcome_email: {state.get('welcome_email')!r}. Set it to 'failed' when send_email raises, and to 'sent' "
        "only once it has returned",
        expected={**signup, "welcome_email": "failed"},
        actual=state,
    )
    after = fresh_signup()
    created(client, after, exact_status=False)
    emails = poll(lambda: outbox(client, after["email"]), bool)
    expect(bool(emails), f"After a refused email, the next signup ({after['email']}) got no welcome email", expected="one email", actual=emails)


def _discarded_tasks():
    """Lines where asyncio.create_task / ensure_future (or loop.create_task) makes a task nothing keeps."""
    tree = syntax_tree()
    groups = set()  # names bound by `async with asyncio.TaskGroup() as name`: the group keeps its tasks
    for node in ast.walk(tree):
        if isinstance(node, ast.AsyncWith):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name) and isinstance(item.context_expr, ast.Call):
                    if ast.unparse(item.context_expr.func).split(".")[-1] == "TaskGroup":
                        groups.add(item.optional_vars.id)

    def makes_task(call):
        if not isinstance(call, ast.Call):
            return False
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        return name in ("create_task", "ensure_future") and owner not in groups

    lines = []
    for function in find_definitions((ast.FunctionDef, ast.AsyncFunctionDef), tree):
        body = ast.Module(body=function.body, type_ignores=[])
        read = {node.id for node in ast.walk(body) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
        # A generator (a lifespan) keeps its local variables while it is suspended at yield.
        suspends = any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in ast.walk(body))
        for node in ast.walk(body):
            if isinstance(node, ast.Expr) and makes_task(node.value):
                lines.append(node.lineno)
            elif isinstance(node, ast.Assign) and makes_task(node.value) and not suspends:
                names = [target.id for target in node.targets if isinstance(target, ast.Name)]
                if names and len(names) == len(node.targets) and not any(name in read for name in names):
                    lines.append(node.lineno)
    return sorted(set(lines))


def check_no_task_left_without_a_reference(client):
    """No task made with asyncio.create_task is left without a reference"""
    lines = _discarded_tasks()
    expect(
        not lines,
        f"On line {', '.join(map(str, lines))}, asyncio.create_task makes a task and keeps no reference to it. The event "
        "loop holds tasks only weakly, so the garbage collector may destroy it before it has sent the email, and an "
        f"error in it is never seen. Use BackgroundTasks: {ADD_TASK}",
        expected="BackgroundTasks.add_task, or every task kept (in a set, removed when done)",
    )
