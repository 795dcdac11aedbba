"""Hosts the learner's app: finds it in main.py and turns one HTTP request into one response.

Runs beside the learner's code (in the learner's sandbox on the server, in the Pyodide worker in the
browser), so nothing here is secret and nothing here decides a verdict: it only answers requests.

The app is main.app (a Flask app: WSGI; a FastAPI or Starlette app: ASGI) or, for Django exercises,
the project that main.py configured (served by Django's WSGI handler).
"""

import asyncio
import importlib
import io
import sys
import traceback
import warnings

# Starlette 1.x warns that TestClient's httpx backend is deprecated: noise for learners (FastAPI 09).
warnings.filterwarnings("ignore", message=".*starlette.testclient.*")

HIDDEN_FILES = ("crossroads_app.py", "crossroads_preview.py", "app_server.py", "run_checks.py", "<frozen importlib", "importlib/__init__.py", "asyncio/")


def learner_traceback(exc):
    """A traceback without the runner's own frames, so the learner sees their code first."""
    if isinstance(exc, NoApp):
        return str(exc) + "\n"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not any(h in f.filename for h in HIDDEN_FILES)]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)


class NoApp(Exception):
    pass


def load_app(module_name="main"):
    """Imports the learner's main.py (or another module) and returns (kind, app) with kind "wsgi" or "asgi"."""
    main = importlib.import_module(module_name)
    app = getattr(main, "app", None)
    if app is not None:
        if hasattr(app, "wsgi_app"):
            return "wsgi", app
        if asyncio.iscoroutinefunction(getattr(app, "__call__", None)) or asyncio.iscoroutinefunction(app):
            return "asgi", app
        if callable(app):
            return "wsgi", app
    if "django.conf" in sys.modules:
        from django.conf import settings

        if settings.configured:
            from django.core.handlers.wsgi import WSGIHandler

            return "wsgi", WSGIHandler()
    raise NoApp(
        "Your file does not define an app: name your Flask or FastAPI application `app` "
        "(for example `app = Flask(__name__)`), or configure Django with django_setup.configure()."
    )


def split_target(target):
    path, _, query = target.partition("?")
    return path or "/", query


def call_wsgi(app, method, target, headers, body):
    path, query = split_target(target)
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    environ.setdefault("HTTP_HOST", "localhost")
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = int(str(status).split()[0])
        started["headers"] = list(response_headers)
        return lambda data: chunks.append(data)

    chunks = []
    result = app(environ, start_response)
    try:
        for chunk in result:
            chunks.append(chunk)
    finally:
        if hasattr(result, "close"):
            result.close()
    if "status" not in started:
        raise RuntimeError("The app returned without calling start_response")
    return started["status"], started["headers"], b"".join(chunks)


async def call_asgi(app, method, target, headers, body, state=None):
    path, query = split_target(target)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        + ([] if any(k.lower() == "host" for k in headers) else [(b"host", b"localhost")]),
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
        # What the lifespan yielded, a shallow copy per request, as uvicorn gives it (request.state).
        "state": dict(state or {}),
    }
    sent = {"body": False}
    response = {"status": None, "headers": [], "chunks": []}
    disconnected = asyncio.Event()

    async def receive():
        if not sent["body"]:
            sent["body"] = True
            return {"type": "http.request", "body": body, "more_body": False}
        await disconnected.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            response["status"] = message["status"]
            response["headers"] = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            response["chunks"].append(message.get("body", b""))

    try:
        await app(scope, receive, send)
    finally:
        disconnected.set()
    if response["status"] is None:
        raise RuntimeError("The app finished without sending a response")
    return response["status"], response["headers"], b"".join(response["chunks"])


class Lifespan:
    """Runs an ASGI app's startup and shutdown (FastAPI's lifespan), as a real server would."""

    def __init__(self, app):
        self.app = app
        self.inbox = asyncio.Queue()
        self.started = asyncio.Event()
        self.stopped = asyncio.Event()
        self.failure = None
        self.supported = True
        self.state = {}

    async def _run(self):
        async def receive():
            return await self.inbox.get()

        async def send(message):
            kind = message["type"]
            if kind.endswith(".failed"):
                self.failure = message.get("message", "")
            if kind.startswith("lifespan.startup"):
                self.started.set()
            if kind.startswith("lifespan.shutdown"):
                self.stopped.set()

        try:
            await self.app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}, receive, send)
        except BaseException:  # an app without lifespan support may raise on the unknown scope
            self.supported = self.started.is_set()
            if not self.started.is_set():
                self.started.set()
            raise
        finally:
            self.started.set()
            self.stopped.set()

    async def startup(self):
        self.task = asyncio.ensure_future(self._run())
        await self.inbox.put({"type": "lifespan.startup"})
        await self.started.wait()
        if self.task.done() and self.task.exception() is not None and self.supported:
            raise self.task.exception()
        if self.failure is not None:
            raise RuntimeError(f"The app's startup failed: {self.failure}")

    async def shutdown(self):
        if not self.task.done():
            await self.inbox.put({"type": "lifespan.shutdown"})
            await asyncio.wait_for(self.stopped.wait(), 5)


class AppHost:
    """The learner's app, ready to answer requests (sync WSGI, or ASGI inside an event loop)."""

    def __init__(self, module_name="main"):
        self.kind, self.app = load_app(module_name)
        self.lifespan_state = {}

    async def handle(self, method, target, headers, body):
        """Returns (status, headers, body); a crash in the app becomes a 500 with its traceback."""
        try:
            if self.kind == "asgi":
                status, out_headers, out_body = await call_asgi(self.app, method, target, headers, body, self.lifespan_state)
            else:
                status, out_headers, out_body = call_wsgi(self.app, method, target, headers, body)
        except Exception:  # noqa: BLE001 - what a real server does: a 500, with the traceback for the learner
            text = traceback.format_exc()
            sys.stderr.write(text)
            return 500, [("Content-Type", "text/plain; charset=utf-8")], ("Internal Server Error\n\n" + text).encode()
        return status, out_headers, out_body
