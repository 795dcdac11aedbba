"""The live preview's side in the browser worker: one learner app kept alive between the preview's requests.

Browser only (the page's preview worker, docs/decisions/0025-live-preview.md): practice, never a verdict. Unlike a
run, the app is imported once and then answers every request the preview panel makes, so what one request stores
(a list, a counter) is there for the next, as with `flask run`. Requests and responses cross as JSON text, the
bodies in base64.
"""

import base64
import contextlib
import io
import json
import os
import traceback

import crossroads_app

PRINTED_LIMIT = 8_000
current = None


def _show_errors(app):
    """A view that raises should reach us, so the panel shows its traceback (what a development server shows)."""
    config = getattr(app, "config", None)
    if config is not None and "PROPAGATE_EXCEPTIONS" in config:
        config["PROPAGATE_EXCEPTIONS"] = True
    try:
        from django.conf import settings
    except ImportError:
        return
    if settings.configured:
        settings.DEBUG_PROPAGATE_EXCEPTIONS = True


def _crash_report(exc):
    """The exception and the learner's line first, then the whole traceback (framework frames included)."""
    mine = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.basename(f.filename) == "main.py"]
    where = f" (main.py, line {mine[-1].lineno}, in {mine[-1].name})" if mine else ""
    summary = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return f"Your view raised an exception{where}:\n{summary}\n\n" + crossroads_app.learner_traceback(exc)


def _text(status, text):
    return {
        "status": status,
        "headers": [["Content-Type", "text/plain; charset=utf-8"]],
        "body": base64.b64encode(text.encode("utf-8")).decode("ascii"),
    }


class Preview:
    def __init__(self):
        self.app = None
        self.error = None
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                kind, app = crossroads_app.load_app()
                if kind != "wsgi":
                    raise crossroads_app.NoApp("The preview shows Flask and Django apps; this one runs on the server only.")
                _show_errors(app)
                self.app = app
            except BaseException as exc:  # noqa: BLE001 - whatever stops the import is the learner's to see
                self.error = crossroads_app.learner_traceback(exc)
        self.printed = out.getvalue()[:PRINTED_LIMIT]

    def started(self):
        return json.dumps({"error": self.error, "printed": self.printed})

    def answer(self, request_json):
        """One request ({method, target, headers: [[name, value]], body}) and the app's response, as JSON text."""
        request = json.loads(request_json)
        if self.app is None:
            return json.dumps({**_text(500, "Your app did not start:\n\n" + (self.error or "")), "printed": ""})
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                status, headers, body = crossroads_app.call_wsgi(
                    self.app,
                    request["method"],
                    request["target"],
                    dict(request["headers"]),
                    base64.b64decode(request["body"]),
                )
                response = {
                    "status": status,
                    "headers": [[name, value] for name, value in headers],
                    "body": base64.b64encode(body).decode("ascii"),
                }
            except BaseException as exc:  # noqa: BLE001 - a crashing view: its traceback is the page
                response = _text(500, _crash_report(exc))
        response["printed"] = out.getvalue()[:PRINTED_LIMIT]
        return json.dumps(response)


def start():
    """Imports main.py as the preview's app (the worker has just written it to a fresh folder)."""
    global current
    current = Preview()
    return current.started()
