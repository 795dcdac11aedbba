import click
from flask import Flask, current_app, request
from flask.cli import AppGroup

ROLES = ("member", "admin")


def add_user(name, role):
    """Given: adds a user to the store of the current app, or raises ValueError saying why it cannot."""
    users = current_app.extensions["users"]
    name = (name or "").strip()
    if not name:
        raise ValueError("a name is required")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if name in users:
        raise ValueError(f"{name!r} already exists")
    if len(users) >= current_app.config["MAX_USERS"]:
        raise ValueError(f"the directory is full ({current_app.config['MAX_USERS']} users)")
    users[name] = role
    return name


users_cli = AppGroup("users", help="Manage the team directory.")


@users_cli.command("add")
@click.argument("name")
@click.option("--role", default="member", show_default=True, help="member or admin")
def add_user_command(name, role):
    """Add NAME to the directory."""
    try:
        added = add_user(name, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Added {added} ({role})")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(TEAM_NAME="Crossroads", MAX_USERS=50)
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.extensions["users"] = {}

    @app.get("/api/about")
    def about():
        return {"team": current_app.config["TEAM_NAME"], "max_users": current_app.config["MAX_USERS"]}

    @app.get("/api/users")
    def list_users():
        return {"users": current_app.extensions["users"]}

    @app.post("/api/users")
    def create_user():
        data = request.get_json(silent=True) or {}
        try:
            name = add_user(str(data.get("name", "")), data.get("role", "member"))
        except ValueError as error:
            current_app.logger.warning("Refused a new user: %s", error)
            return {"error": str(error)}, 400
        return {"name": name, "role": current_app.extensions["users"][name]}, 201

    app.cli.add_command(users_cli)
    return app


app = create_app()


# ---- Given: leave this block as it is, at the end of the file. -----------------------------------
# The checks run in another process and can only send HTTP requests, so this block does for them what
# a test suite would do in yours: build apps with create_app() under an environment they choose, run
# your commands with the app's CLI runner, and send requests while it collects log records and print().
# It answers POST /_lab itself, in front of your app, so your app's routes and hooks never see it.
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
