"""Checks for the configuration, CLI and logging exercise.

The checks run in another process and can only send HTTP requests, so main.py ends with a given block: POST /_lab
builds an app with the learner's create_app() under an environment the check chooses, runs commands through that
app's test_cli_runner() (from a fresh context, as a shell would), sends requests with its test client while it
collects log records and printed output, and answers what it saw. Every value is fresh per run. It answers /_lab
as WSGI middleware in front of the learner's app (app.wsgi_app), so no route, hook or error handler of theirs runs for
it. The learner owns main.py, given block included, and the report comes from their process, so the first check reads
the source: the block must end the file exactly as in the starter, right after `app = create_app()`, and the learner's
code may not name it, reach it dynamically (globals(), setattr(), dunder attributes, frames, sys.modules, ...), patch
modules or classes or the attributes the block uses, touch wsgi_app, or define a class that answers WSGI calls itself
(__call__, wsgi_app, __setattr__, __getattr__). At run time the block itself refuses an `app` that is not a Flask app
with Flask's own __call__. What is left (an app whose own test_client or test_cli_runner is replaced by a stand-in
that imitates the task) takes more code than the task itself.
"""

import ast
import re
import secrets

from crossroads_checks import dotted_name, expect, expect_json, expect_status, fresh_int, fresh_title, fresh_word, syntax_tree

DEFAULTS = {"TEAM_NAME": "Crossroads", "MAX_USERS": 50}
KEYS = ["TEAM_NAME", "MAX_USERS", "SECRET_KEY", "TESTING"]

# The given block, as in the starter, from its first import to the end of the file: what it reports is what the
# other checks read, so it must not change, and nothing may come after it.
GIVEN_SOURCE = """
import contextlib  # noqa: E402
import contextvars  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402

from flask import Flask  # noqa: E402
from werkzeug.wrappers import Request, Response  # noqa: E402


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        if not any(seen is record for seen, _ in self.records):  # attached to two loggers: keep each record once
            self.records.append((record, {"logger": record.name, "level": record.levelname, "message": record.getMessage()}))


def _lab_build(spec):
    saved = dict(os.environ)
    for key in [key for key in os.environ if key.startswith("FLASK_")]:
        del os.environ[key]
    os.environ.update(spec.get("env") or {})
    try:
        if spec.get("test_config") is None:
            return create_app()
        return create_app(spec["test_config"])
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _lab(spec):
    built = _lab_build(spec)
    plain = (str, int, float, bool, type(None))
    config = {key: value if isinstance(value, plain) else repr(value) for key, value in built.config.items() if key in spec.get("keys", [])}
    report = {"config": config, "missing": [key for key in spec.get("keys", []) if key not in built.config], "commands": [], "responses": []}
    runner = built.test_cli_runner()
    for args in spec.get("commands", []):
        result = contextvars.Context().run(runner.invoke, args=args)  # as from a shell: no app context yet
        crash = result.exception if result.exception is not None and not isinstance(result.exception, SystemExit) else None
        report["commands"].append({"args": args, "exit_code": result.exit_code, "output": result.output, "crash": repr(crash) if crash else None})
    records = _Records()
    watched = [logging.getLogger(), built.logger]  # the root logger, and the app's own in case it does not propagate
    for logger in watched:
        logger.addHandler(records)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            client = built.test_client()
            for method, path, body in spec.get("requests", []):
                response = client.open(path, method=method, json=body)
                report["responses"].append({"status": response.status_code, "json": response.get_json(silent=True)})
    finally:
        for logger in watched:
            logger.removeHandler(records)
    report["logs"] = [fields for _, fields in records.records]
    report["printed"] = printed.getvalue()
    return report


def _lab_in_front_of(your_app):
    def serve(environ, start_response):
        if environ.get("PATH_INFO") == "/_lab" and environ.get("REQUEST_METHOD") == "POST":
            report = _lab(Request(environ).get_json())
            return Response(json.dumps(report), mimetype="application/json")(environ, start_response)
        return your_app(environ, start_response)

    return serve


if not isinstance(app, Flask) or type(app).__call__ is not Flask.__call__:
    raise TypeError("create_app() must return the Flask app itself, and `app` must be that app")
app.wsgi_app = _lab_in_front_of(app.wsgi_app)
"""
GIVEN_NAMES = ("_Records", "_lab_build", "_lab", "_lab_in_front_of")
GIVEN_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])(_Records|_lab_build|_lab_in_front_of|_lab)(?![A-Za-z0-9])")
# Ways to reach into the given block or the modules it uses without naming it. None of them is needed for the task.
ESCAPE_CALLS = {"globals", "vars", "setattr", "delattr", "exec", "eval", "compile", "__import__"}
ESCAPE_MODULES = {"gc", "inspect", "ctypes", "importlib", "builtins", "main", "__main__"}
ESCAPE_ATTRIBUTES = {"f_globals", "f_back", "f_locals", "_getframe", "modules", "wsgi_app"}
PLAIN_DUNDERS = {"__name__", "__doc__", "__init__", "__module__", "__qualname__", "__version__", "__file__"}


def _given_tail(tree):
    """The index where the given block starts in tree.body, or None when the end of the file is not the given block."""
    wanted = [ast.dump(node) for node in ast.parse(GIVEN_SOURCE).body]
    body = [ast.dump(node) for node in tree.body]
    if len(body) < len(wanted) or body[-len(wanted):] != wanted:
        return None
    return len(body) - len(wanted)


def _what_changed(tree):
    """Says which given definition differs, or that something follows the block, for a tail that does not match."""
    given = {node.name: ast.dump(node) for node in ast.parse(GIVEN_SOURCE).body if hasattr(node, "name")}
    problems = []
    for name, dump in given.items():
        found = [node for node in tree.body if getattr(node, "name", None) == name]
        if not found:
            problems.append(f"the given `{name}` is missing")
        elif len(found) > 1:
            problems.append(f"`{name}` is defined more than once (lines {', '.join(str(node.lineno) for node in found)})")
        elif ast.dump(found[0]) != dump:
            problems.append(f"the given `{name}` (line {found[0].lineno}) is not as in the starter")
    last = tree.body[-1] if tree.body else None
    if not problems and last is not None and ast.dump(last) != ast.dump(ast.parse(GIVEN_SOURCE).body[-1]):
        problems.append(f"line {last.lineno} comes after it, and the block must be the end of the file")
    return problems or ["its imports or its last line (app.wsgi_app = ...) are not as in the starter"]


def _escapes(nodes, tail_names):
    """Lines of your code that reach into the given block or patch what it relies on."""
    found = []
    tail_attributes = {node.attr for node in ast.walk(ast.parse(GIVEN_SOURCE)) if isinstance(node, ast.Attribute)}
    imported = {}
    for node in nodes:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import):  # a module
                imported.update({(alias.asname or alias.name.split(".")[0]): True for alias in inner.names})
            elif isinstance(inner, ast.ImportFrom):  # a class (capitalised), not an object such as g or session
                imported.update({(alias.asname or alias.name): alias.name[:1].isupper() for alias in inner.names})
    for node in nodes:
        for inner in ast.walk(node):
            line = getattr(inner, "lineno", "?")
            if isinstance(inner, ast.Name) and inner.id in GIVEN_NAMES or isinstance(inner, ast.Attribute) and inner.attr in GIVEN_NAMES:
                found.append(f"line {line} names the given {getattr(inner, 'id', None) or inner.attr}")
            elif isinstance(inner, ast.Constant) and isinstance(inner.value, str) and GIVEN_IN_TEXT.search(inner.value):
                found.append(f"line {line} names the given /_lab in a string")
            elif isinstance(inner, ast.Call) and dotted_name(inner.func) in ESCAPE_CALLS:
                found.append(f"line {line} calls {dotted_name(inner.func)}()")
            elif isinstance(inner, ast.Call) and dotted_name(inner.func) == "type" and len(inner.args) == 3:
                found.append(f"line {line} builds a class with type()")
            elif isinstance(inner, ast.Name) and inner.id.startswith("__") and inner.id.endswith("__") and inner.id not in ("__name__", "__file__", "__doc__"):
                found.append(f"line {line} uses {inner.id}")
            elif isinstance(inner, ast.Attribute) and (inner.attr in ESCAPE_ATTRIBUTES or inner.attr.startswith("__") and inner.attr not in PLAIN_DUNDERS):
                found.append(f"line {line} uses .{inner.attr}")
            elif isinstance(inner, (ast.Import, ast.ImportFrom)):
                modules = [inner.module or ""] if isinstance(inner, ast.ImportFrom) else [alias.name for alias in inner.names]
                bad = sorted({module.split(".")[0] for module in modules} & ESCAPE_MODULES)
                if bad:
                    found.append(f"line {line} imports {', '.join(bad)}")
            elif isinstance(inner, (ast.Global, ast.Nonlocal)) and set(inner.names) & tail_names:
                found.append(f"line {line} rebinds {', '.join(sorted(set(inner.names) & tail_names))}, which the given block uses")
            elif isinstance(inner, ast.Attribute) and isinstance(inner.ctx, (ast.Store, ast.Del)):
                root = inner
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and imported.get(root.id):
                    found.append(f"line {line} changes {dotted_name(inner) or inner.attr} (patching a module or a class)")
                elif inner.attr in tail_attributes:
                    found.append(f"line {line} changes .{inner.attr}, which the given block relies on")
            elif isinstance(inner, ast.ClassDef):
                answers = ("__call__", "wsgi_app", "__setattr__", "__getattr__", "__getattribute__")
                if any(getattr(item, "name", None) in answers or isinstance(item, ast.Assign) and any(
                        isinstance(target, ast.Name) and target.id in answers for target in item.targets) for item in inner.body):
                    found.append(f"line {line} defines a class that answers WSGI calls itself")
    return found


def _given_block_changes():
    tree = syntax_tree()
    start = _given_tail(tree)
    if start is None:
        return _what_changed(tree), []
    problems = []
    before = tree.body[start - 1] if start else None
    if before is None or ast.dump(before) != ast.dump(ast.parse("app = create_app()").body[0]):
        problems.append("the line just before the given block must be `app = create_app()`")
    tail_names = {"create_app", "app"}
    for node in tree.body[start:]:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            tail_names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
        elif hasattr(node, "name"):
            tail_names.add(node.name)
    return problems, _escapes(tree.body[:start], tail_names)


def check_given_block_unchanged(client):
    """The given block at the end of main.py is as in the starter, and your code leaves it alone"""
    problems, escapes = _given_block_changes()
    expect(
        not problems,
        "The checks learn what your app does through the given block (POST /_lab): it builds apps with your "
        "create_app(), runs your commands and collects your log records. In your file, " + "; ".join(problems) + ". Put the "
        "given block back as it is in the starter, at the end of the file, right after `app = create_app()` (copy your own "
        "code first: \"Reset to starter\" replaces all of it)",
        expected="the given block unchanged, at the end of the file",
    )
    expect(
        not escapes,
        "Your code reaches into the given block or patches what it relies on (" + "; ".join(escapes) + "). The task needs "
        "none of that: settings in create_app(), a click command and a logger call. Remove those lines",
        expected="plain code that leaves the given block alone",
    )


def lab(client, *, env=None, test_config=None, commands=(), requests=()):
    spec = {"env": env or {}, "test_config": test_config, "keys": KEYS, "commands": [list(c) for c in commands], "requests": [list(r) for r in requests]}
    response = client.post("/_lab", json=spec)
    if response.status == 404:
        expect(False, "POST /_lab answered 404: keep the given block at the end of main.py, after `app = create_app()`, and do not build `app` again after it", expected="the given /_lab route", response=response)
    if response.status == 500:
        lines = [line for line in response.text.splitlines() if line.strip()]
        expect(
            False,
            f"Building or using an app with create_app({'' if test_config is None else 'test_config'}) raised an error"
            + (f" with the environment {env}" if env else "")
            + f": {lines[-1].strip() if lines else 'see the traceback'}",
            expected="create_app() builds a working app",
            response=response,
        )
    expect_status(response, 200)
    return expect_json(response)


def env_values():
    return {"TEAM_NAME": fresh_title(), "MAX_USERS": fresh_int(10, 99), "SECRET_KEY": secrets.token_hex(16)}


def as_env(values):
    return {f"FLASK_{key}": str(value) for key, value in values.items()}


def check_defaults_without_environment(client):
    """With no FLASK_ variables and no test config, the app has its defaults and no secret key"""
    report = lab(client, requests=[("GET", "/api/about", None)])
    config = report["config"]
    for key, value in DEFAULTS.items():
        expect(config.get(key) == value, f"With no environment variables set, app.config[{key!r}] must be its default {value!r}", expected=value, actual=config.get(key, "not set"))
    expect(
        not config.get("SECRET_KEY"),
        "With no FLASK_SECRET_KEY in the environment, app.config['SECRET_KEY'] must stay unset (None): a secret written "
        "in your code ends up in git and in every copy of it, and one generated when the app starts changes at every "
        "restart and differs between workers, so sessions stop working. Take it from the environment only "
        "(from_prefixed_env reads FLASK_SECRET_KEY)",
        expected=None,
        actual=config.get("SECRET_KEY"),
    )
    about = report["responses"][0]
    expect(about["status"] == 200 and about["json"] == {"team": "Crossroads", "max_users": 50}, "GET /api/about must show the app's TEAM_NAME and MAX_USERS", expected={"team": "Crossroads", "max_users": 50}, actual=about)


def expect_environment_reached(report, values, env):
    config = report["config"]
    team = config.get("TEAM_NAME")
    expect(
        team == values["TEAM_NAME"],
        "create_app() was called with FLASK_TEAM_NAME set, and app.config['TEAM_NAME'] did not take it"
        + (
            ": it still has the default, as if the environment was read only once (at import, or cached), or the defaults "
            "were applied after it. Read it inside create_app() with app.config.from_prefixed_env(), after the defaults"
            if team == DEFAULTS["TEAM_NAME"]
            else ""
        ),
        expected=values["TEAM_NAME"],
        actual=team,
    )
    size = config.get("MAX_USERS")
    expect(
        size == values["MAX_USERS"] and type(size) is int,
        f"FLASK_MAX_USERS={env['FLASK_MAX_USERS']} must give app.config['MAX_USERS'] the number {values['MAX_USERS']}"
        + (
            ", not a string: environment variables are text. from_prefixed_env() parses each value as JSON, so \"25\" becomes 25"
            if isinstance(size, str)
            else ""
        ),
        expected=values["MAX_USERS"],
        actual=size,
    )
    expect(
        config.get("SECRET_KEY") == values["SECRET_KEY"],
        "FLASK_SECRET_KEY was set, and app.config['SECRET_KEY'] is not its value: read the environment after the defaults, and set no secret in your code after it",
        expected=values["SECRET_KEY"],
        actual=config.get("SECRET_KEY"),
    )
    about = report["responses"][0]
    wanted = {"team": values["TEAM_NAME"], "max_users": values["MAX_USERS"]}
    expect(about["status"] == 200 and about["json"] == wanted, "GET /api/about on that app must show the values from the environment (read them from current_app.config)", expected=wanted, actual=about)


def check_environment_overrides_defaults(client):
    """FLASK_ environment variables override the defaults each time create_app() runs"""
    for _ in range(2):  # two apps, two environments: each call reads the environment as it is then
        values = env_values()
        env = as_env(values)
        report = lab(client, env=env, requests=[("GET", "/api/about", None)])
        expect_environment_reached(report, values, env)


def check_test_config_wins(client):
    """A test config passed to create_app() overrides the environment, key by key"""
    values = env_values()
    env = as_env(values)
    size = fresh_int(100, 999)
    report = lab(client, env=env, test_config={"MAX_USERS": size, "TESTING": True}, requests=[("GET", "/api/about", None)])
    config = report["config"]
    expect(
        config.get("MAX_USERS") == size and config.get("TESTING") is True,
        "create_app(test_config) must apply test_config last, over the defaults and the environment: "
        "`if test_config is not None: app.config.from_mapping(test_config)` after from_prefixed_env()",
        expected={"MAX_USERS": size, "TESTING": True},
        actual={"MAX_USERS": config.get("MAX_USERS"), "TESTING": config.get("TESTING")},
    )
    expect(
        config.get("TEAM_NAME") == values["TEAM_NAME"] and config.get("SECRET_KEY") == values["SECRET_KEY"],
        "test_config set only MAX_USERS and TESTING, so TEAM_NAME and SECRET_KEY must still come from the environment: "
        "a test config updates the settings it names and leaves the others as they are",
        expected={"TEAM_NAME": values["TEAM_NAME"], "SECRET_KEY": values["SECRET_KEY"]},
        actual={"TEAM_NAME": config.get("TEAM_NAME"), "SECRET_KEY": config.get("SECRET_KEY")},
    )
    about = report["responses"][0]
    wanted = {"team": values["TEAM_NAME"], "max_users": size}
    expect(about["json"] == wanted, "GET /api/about must show the config of the app that answers it", expected=wanted, actual=about)


def describe(command):
    return "flask " + " ".join(command["args"])


def expect_no_crash(command):
    crash = command["crash"]
    if crash and "application context" in crash:
        expect(
            False,
            f"`{describe(command)}` ran without an application context under app.test_cli_runner(), so current_app did not "
            "work. The flask command in a terminal pushes one for every command, but the test runner calls app.cli directly, "
            "so only commands made by Flask's own groups get one there. Register the command through the app's CLI "
            "(@app.cli.command, an AppGroup added with app.cli.add_command, @app.cli.group) or decorate a plain click "
            "command with @with_appcontext",
            expected="the command runs inside its app's context",
            actual=crash,
        )
    expect(
        not crash,
        f"`{describe(command)}` crashed with {crash}. A command that cannot do its job should stop with a message and a "
        "non-zero exit code: catch the error and `raise click.ClickException(str(error))`",
        expected="no unhandled exception",
        actual=command["output"] or crash,
    )


def expect_ran(command):
    if command["exit_code"] == 2 and "No such command" in command["output"]:
        expect(False, f"`{describe(command)}` is not a command yet: add a group named users with a command add, registered on the app (app.cli)", expected="flask users add NAME [--role ROLE]", actual=command["output"])
    expect_no_crash(command)
    expect(command["exit_code"] == 0, f"`{describe(command)}` must succeed (exit code 0)", expected=0, actual=f"exit code {command['exit_code']}: {command['output']}")


def check_cli_adds_users(client):
    """`flask users add NAME --role ROLE` adds a user to its app and says so"""
    admin, member = fresh_word(), fresh_word()
    report = lab(
        client,
        test_config={"MAX_USERS": 10},
        commands=[("users", "add", admin, "--role", "admin"), ("users", "add", member)],
        requests=[("GET", "/api/users", None)],
    )
    for command, name, role in zip(report["commands"], (admin, member), ("admin", "member")):
        expect_ran(command)
        line = f"Added {name} ({role})"
        expect(
            line in command["output"].splitlines(),
            f"`{describe(command)}` must print the line `{line}` (click.echo)"
            + (": the role it prints is the one the user got, member when --role is not given" if name in command["output"] else ""),
            expected=line,
            actual=command["output"] or "no output",
        )
    users = report["responses"][0]["json"]
    wanted = {admin: "admin", member: "member"}
    stored = users.get("users") if isinstance(users, dict) else None
    expect(
        not isinstance(stored, dict) or set(stored) != set(wanted) or stored == wanted,
        "Both users were added, with the wrong roles: pass the --role option on to add_user (its default is member)",
        expected={"users": wanted},
        actual=users,
    )
    expect(
        isinstance(users, dict) and users.get("users") == wanted,
        "After the two commands, GET /api/users on the same app must list both users, the second with the default role "
        "member. The command must add to the store of the app it runs for (current_app), not to a new app it builds",
        expected={"users": wanted},
        actual=users,
    )


def check_cli_refuses_cleanly(client):
    """The command refuses a full directory, a taken name and an unknown role with a non-zero exit code"""
    size = fresh_int(2, 4)
    names = [f"{fresh_word()}{index}" for index in range(size)]
    extra, role = fresh_word(), f"{fresh_word()}-role"
    commands = [("users", "add", name) for name in names]
    commands += [("users", "add", extra), ("users", "add", names[0], "--role", "admin"), ("users", "add", fresh_word(), "--role", role)]
    report = lab(client, test_config={"MAX_USERS": size}, commands=commands, requests=[("GET", "/api/users", None)])
    done = report["commands"]
    for command in done[:size]:
        expect_ran(command)
    reasons = [f"the directory is full (MAX_USERS is {size} in this app's config)", f"{names[0]!r} is already taken", f"{role!r} is not a role"]
    clues = ["full", names[0], role]  # what add_user's ValueError says, and so what the learner must see
    for command, reason, clue in zip(done[size:], reasons, clues):
        expect_no_crash(command)
        expect(
            command["exit_code"] != 0,
            f"`{describe(command)}` must fail because {reason}: end the command with a non-zero exit code "
            "(raise click.ClickException(message)), so a script or a deploy step that runs it can tell it failed",
            expected="a non-zero exit code and a message",
            actual=f"exit code {command['exit_code']}: {command['output'] or 'no output'}",
        )
        expect(
            clue in command["output"],
            f"`{describe(command)}` failed without saying why ({reason}): show the ValueError's message, "
            "raise click.ClickException(str(error))",
            expected=f"a message that mentions {clue!r}",
            actual=command["output"] or "no output",
        )
    users = report["responses"][0]["json"]
    wanted = dict.fromkeys(names, "member")
    expect(isinstance(users, dict) and users.get("users") == wanted, "The refused commands must leave the store as it was", expected={"users": wanted}, actual=users)


def check_bad_request_logs_a_warning(client):
    """A refused POST /api/users logs a warning naming the problem, and prints nothing"""
    name, role = fresh_word(), f"{fresh_word()}-{fresh_int(10, 99)}"
    report = lab(
        client,
        test_config={"MAX_USERS": 10},
        requests=[("POST", "/api/users", {"name": name, "role": "member"}), ("POST", "/api/users", {"name": fresh_word(), "role": role}), ("POST", "/api/users", {"name": name, "role": "admin"})],
    )
    created, bad_role, taken = report["responses"]
    expect(created["status"] == 201, "POST /api/users with a new name and the role member must answer 201", expected=201, actual=created)
    expect(bad_role["status"] == 400 and taken["status"] == 400, "POST /api/users must answer 400 for an unknown role and for a taken name", expected=[400, 400], actual=[bad_role, taken])
    warnings = [record for record in report["logs"] if record["level"] == "WARNING"]
    louder = [record for record in report["logs"] if record["level"] in ("ERROR", "CRITICAL")]
    expect(
        not louder,
        "A client that sends bad input is not an error in your app: log it at WARNING (app.logger.warning), and keep ERROR for failures you must fix",
        expected="WARNING records",
        actual=louder,
    )
    for value, what in ((role, "the unknown role"), (name, "the taken name")):
        expect(
            any(value in record["message"] for record in warnings),
            f"Refusing a user must log a warning that says why, including {what} ({value!r}): "
            "current_app.logger.warning(\"Refused a new user: %s\", error)"
            + (". print() is not logging: it has no level, no logger name and no handler to send it where production logs go" if report["printed"] else "")
            + (
                ". No record reached the log at all: if you did log it, check that no setLevel() above WARNING drops it and "
                "that your logger passes its records on to the root logger (leave propagate as it is). print(..., "
                "file=sys.stderr) and warnings.warn() are not log records"
                if not report["logs"] and not report["printed"]
                else ""
            ),
            expected=f"a WARNING record mentioning {value!r}",
            actual=report["logs"] or "no log records",
        )
    expect(
        not report["printed"],
        "The requests printed to standard output: remove the print() calls and keep the log records, which carry a level and the logger's name",
        expected="nothing printed",
        actual=report["printed"],
    )


def check_good_request_logs_no_warning(client):
    """A user created over HTTP logs no warning"""
    report = lab(client, requests=[("POST", "/api/users", {"name": fresh_word(), "role": "admin"})])
    created = report["responses"][0]
    expect(created["status"] == 201, "POST /api/users with a new name and the role admin must answer 201", expected=201, actual=created)
    loud = [record for record in report["logs"] if record["level"] in ("WARNING", "ERROR", "CRITICAL")]
    expect(not loud, "Only a refused user is worth a warning: a successful request that logs WARNING hides the real problems in the noise", expected="no WARNING records", actual=loud)
    expect(not report["printed"], "The request printed to standard output: remove the print() calls (log at DEBUG or INFO if you need a trace)", expected="nothing printed", actual=report["printed"])
