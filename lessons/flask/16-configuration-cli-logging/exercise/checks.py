"""Checks for the configuration, CLI and logging exercise.

The checks run in another process and can only send HTTP requests, so main.py ends with a given block: POST /_lab
builds an app with the learner's create_app() under an environment the check chooses, runs commands through that
app's test_cli_runner() (from a fresh context, as a shell would), sends requests with its test client while it
collects log records and printed output, and answers what it saw. Every value is fresh per run. The learner owns
main.py, given block included, so the first check reads the source: the given block must be as in the starter, and
nothing else may name it.
"""

import ast
import secrets

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title, fresh_word, syntax_tree

DEFAULTS = {"TEAM_NAME": "Crossroads", "MAX_USERS": 50}
KEYS = ["TEAM_NAME", "MAX_USERS", "SECRET_KEY", "TESTING"]

# The given block, as in the starter: what it reports is what the other checks read, so it must not change.
GIVEN_SOURCE = '''
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


@app.post("/_lab")
def _lab():
    spec = request.get_json()
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
'''
GIVEN_NAMES = ("_Records", "_lab_build", "_lab")


def _docless(node):
    """A definition's AST dump without docstrings (comments are not in the AST); decorators are kept."""
    copy = ast.parse(ast.unparse(node)).body[0]
    for inner in ast.walk(copy):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = inner.body
            if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                inner.body = body[1:]
    return ast.dump(copy)


def _given_block_changes():
    expected = {node.name: _docless(node) for node in ast.parse(GIVEN_SOURCE).body}
    tree = syntax_tree()
    problems, given_nodes = [], set()
    for name in GIVEN_NAMES:
        bound = [
            node
            for node in tree.body
            if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name)
            or (
                isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Import, ast.ImportFrom))
                and name
                in {
                    *(target.id for target in ast.walk(node) if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)),
                    *(alias.asname or alias.name for alias in getattr(node, "names", [])),
                }
            )
        ]
        if not bound:
            problems.append(f"the given `{name}` is missing")
            continue
        if len(bound) > 1:
            problems.append(f"`{name}` is defined more than once (lines {', '.join(str(node.lineno) for node in bound)})")
        elif not isinstance(bound[0], (ast.FunctionDef, ast.ClassDef)) or _docless(bound[0]) != expected[name]:
            problems.append(f"the given `{name}` (line {bound[0].lineno}) is not as in the starter")
        for node in bound:
            given_nodes.update(id(inner) for inner in ast.walk(node))
    used = sorted(
        {
            (node.lineno, node.id if isinstance(node, ast.Name) else node.attr)
            for node in ast.walk(tree)
            if id(node) not in given_nodes
            and ((isinstance(node, ast.Name) and node.id in GIVEN_NAMES) or (isinstance(node, ast.Attribute) and node.attr in GIVEN_NAMES))
        }
    )
    if used:
        problems.append("your code uses " + ", ".join(f"{name} on line {line}" for line, name in used) + ", and only the given block may")
    return problems


def check_given_block_unchanged(client):
    """The given block at the end of main.py is as in the starter"""
    problems = _given_block_changes()
    expect(
        not problems,
        "The checks learn what your app does through the given block (POST /_lab): it builds apps with your "
        "create_app(), runs your commands and collects your log records. In your file, " + "; ".join(problems) + ". Put the "
        "given block back as it is in the starter, at the end of the file (copy your own code first: \"Reset to starter\" "
        "replaces all of it)",
        expected="the given block unchanged",
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
        "in your code ends up in git and in every copy of it. Take it from the environment only (from_prefixed_env reads FLASK_SECRET_KEY)",
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
            f"`{describe(command)}` ran without an application context, so current_app did not work. Register the command "
            "through the app's CLI (@app.cli.command, an AppGroup added with app.cli.add_command, @app.cli.group) or "
            "decorate a plain click command with @with_appcontext",
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
    for command, name in zip(report["commands"], (admin, member)):
        expect_ran(command)
        expect(name in command["output"], f"`{describe(command)}` must print a line naming the user it added (click.echo)", expected=f"Added {name} (...)", actual=command["output"] or "no output")
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
    for command, reason in zip(done[size:], reasons):
        expect_no_crash(command)
        expect(
            command["exit_code"] != 0,
            f"`{describe(command)}` must fail because {reason}: end the command with a non-zero exit code "
            "(raise click.ClickException(message)), so a script or a deploy step that runs it can tell it failed",
            expected="a non-zero exit code and a message",
            actual=f"exit code {command['exit_code']}: {command['output'] or 'no output'}",
        )
        expect(command["output"].strip(), f"`{describe(command)}` failed without saying why: print the reason (click.ClickException does)", expected="a message", actual="no output")
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
            + (". No record reached the log at all: if you did log it, check that no setLevel() above WARNING drops it" if not report["logs"] and not report["printed"] else ""),
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
