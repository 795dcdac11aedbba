"""Runs the learner's tests against one app and reports, per test, whether it passed (testing exercises).

Server engine: `python run_learner_tests.py SOCKET_PATH READY_SECONDS FRAMEWORK` in the LEARNER's
sandbox. An authored app (the working one or a broken copy; this process cannot tell which) listens
on SOCKET_PATH in another sandbox. This module imports the learner's main.py, calls every module-level
`test_*` function (each @pytest.mark.parametrize case on its own) with a fresh `client` that speaks HTTP
to that socket and looks like the framework's test client, and prints one JSON line:
{"tests": [{"name", "outcome", "message", "output"}], ...}. `import pytest` in main.py gets the small
stand-in below (raises, approx, parametrize, fixtures, skip): neither engine installs pytest.

Nothing here is trusted: the learner's code shares this interpreter and may print anything. The
server treats the report as the learner's claim about one unknown app and computes the verdict
itself from the claims about every app (lib/runner/tests-verdict.ts).

Browser engine (practice only): the Pyodide driver imports this module and calls run_tests() with a
send function that calls the app in-process.
"""

import contextlib
import http.client
import importlib
import inspect
import io
import json
import os
import socket
import sys
import time
import traceback
from urllib.parse import urlencode, urlsplit

MAX_OUTPUT = 4_000
MAX_BODY = 4_000_000
REQUEST_TIMEOUT = 5
REDIRECTS = {301, 302, 303, 307, 308}
REASONS = {
    200: "OK", 201: "CREATED", 202: "ACCEPTED", 204: "NO CONTENT", 301: "MOVED PERMANENTLY", 302: "FOUND",
    303: "SEE OTHER", 307: "TEMPORARY REDIRECT", 308: "PERMANENT REDIRECT", 400: "BAD REQUEST",
    401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT FOUND", 405: "METHOD NOT ALLOWED", 409: "CONFLICT",
    415: "UNSUPPORTED MEDIA TYPE", 422: "UNPROCESSABLE CONTENT", 500: "INTERNAL SERVER ERROR",
}


class AppUnreachable(Exception):
    """The app under test did not answer (a test that waits on it forever is reported with this)."""


def socket_sender(socket_path):
    """send(method, target, headers, body) -> (status, [(name, value)], body) over a Unix socket."""

    class UnixConnection(http.client.HTTPConnection):
        def connect(self):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(REQUEST_TIMEOUT)
            sock.connect(socket_path)
            self.sock = sock

    def send(method, target, headers, body):
        connection = UnixConnection("localhost", timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read(MAX_BODY)
        except (OSError, http.client.HTTPException) as exc:
            raise AppUnreachable(f"the app did not answer {method} {target} ({type(exc).__name__})") from None
        finally:
            connection.close()

    return send


def wait_for_socket(socket_path, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            probe.connect(socket_path)
            probe.close()
            return True
        except OSError:
            time.sleep(0.005)
    return False


class Headers:
    """Case-insensitive, read-only response headers (like werkzeug's Headers or httpx's)."""

    def __init__(self, pairs):
        self._pairs = list(pairs)

    def get(self, name, default=None):
        for key, value in self._pairs:
            if key.lower() == name.lower():
                return value
        return default

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name):
        return self.get(name) is not None

    def items(self):
        return list(self._pairs)

    def keys(self):
        return [key for key, _ in self._pairs]

    def __iter__(self):
        return iter(self.keys())

    def __repr__(self):
        return f"Headers({self._pairs!r})"


class BaseResponse:
    def __init__(self, status, headers, body, method, target):
        self.status_code = status
        self.headers = Headers(headers)
        self.content = body
        self.request_line = f"{method} {target}"

    @property
    def text(self):
        return self.content.decode("utf-8", errors="replace")

    @property
    def content_type(self):
        return self.headers.get("Content-Type", "")

    def _is_json(self):
        kind = self.content_type.split(";")[0].strip().lower()
        return kind == "application/json" or kind.endswith("+json")

    def __repr__(self):
        return f"<{type(self).__name__} [{self.status_code}] {self.request_line}>"


class BaseClient:
    """Shared by the three clients: cookies, bodies, redirects. One per test, like a fixture."""

    follow_by_default = False

    def __init__(self, send):
        self._send = send
        self.cookies = {}

    def _request(self, method, path, query=None, body=b"", content_type=None, headers=None, follow=None):
        follow = self.follow_by_default if follow is None else follow
        target = self._target(path, query)
        chain = []
        while True:
            sent = {"Host": "localhost"}
            if content_type:
                sent["Content-Type"] = content_type
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            for name, value in (headers or {}).items():
                sent[str(name)] = str(value)
            status, out_headers, out_body = self._send(method, target, sent, body)
            self._remember_cookies(out_headers)
            response = self._response(status, out_headers, out_body, method, target)
            location = response.headers.get("Location")
            if not (follow and status in REDIRECTS and location) or len(chain) >= 10:
                response.redirect_chain = chain
                return response
            chain.append((location, status))
            target = self._target(location, None)
            if status in (301, 302, 303):
                method, body, content_type = "GET", b"", None

    @staticmethod
    def _target(path, query):
        parts = urlsplit(str(path))
        target = parts.path or "/"
        if not target.startswith("/"):
            target = "/" + target
        query_text = parts.query
        if query:
            extra = urlencode(query, doseq=True) if not isinstance(query, str) else query
            query_text = f"{query_text}&{extra}" if query_text else extra
        return target + (f"?{query_text}" if query_text else "")

    def _remember_cookies(self, headers):
        for name, value in headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                if key.strip():
                    self.cookies[key.strip()] = cookie.strip()

    @staticmethod
    def _encode(json_body=None, data=None, content=None):
        """(body bytes, content type) from whichever of json, form data or raw content was given."""
        if json_body is not None:
            return json.dumps(json_body).encode(), "application/json"
        if isinstance(data, dict):
            return urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded"
        if isinstance(data, (bytes, str)):
            return (data.encode() if isinstance(data, str) else data), None
        if content is not None:
            return (content.encode() if isinstance(content, str) else content), None
        return b"", None


# ---- Flask: app.test_client() ---------------------------------------------------------------

class FlaskResponse(BaseResponse):
    @property
    def data(self):
        return self.content

    def get_data(self, as_text=False):
        return self.text if as_text else self.content

    @property
    def status(self):
        return f"{self.status_code} {REASONS.get(self.status_code, '')}".strip()

    @property
    def mimetype(self):
        return self.content_type.split(";")[0].strip()

    @property
    def is_json(self):
        return self._is_json()

    @property
    def location(self):
        return self.headers.get("Location")

    def get_json(self, force=False, silent=False):
        if not (force or self._is_json()):
            return None
        try:
            return json.loads(self.content)
        except ValueError:
            if silent:
                return None
            raise

    @property
    def json(self):
        return self.get_json()


class FlaskClient(BaseClient):
    _response = FlaskResponse

    def open(self, path="/", method="GET", json=None, data=None, query_string=None, headers=None,
             follow_redirects=False, content_type=None):
        body, kind = self._encode(json_body=json, data=data)
        return self._request(method.upper(), path, query_string, body, content_type or kind, headers, follow_redirects)

    def get(self, path="/", **kwargs):
        return self.open(path, "GET", **kwargs)

    def post(self, path="/", **kwargs):
        return self.open(path, "POST", **kwargs)

    def put(self, path="/", **kwargs):
        return self.open(path, "PUT", **kwargs)

    def patch(self, path="/", **kwargs):
        return self.open(path, "PATCH", **kwargs)

    def delete(self, path="/", **kwargs):
        return self.open(path, "DELETE", **kwargs)


# ---- Django: django.test.Client (pytest-django's `client` fixture) ----------------------------

class DjangoResponse(BaseResponse):
    def json(self):
        if not self._is_json():
            raise ValueError(f'Content-Type header is "{self.content_type}", not "application/json"')
        return json.loads(self.content)

    def __getitem__(self, name):
        return self.headers[name]

    def get(self, name, default=None):
        return self.headers.get(name, default)

    def has_header(self, name):
        return name in self.headers

    @property
    def url(self):
        return self.headers.get("Location")


class DjangoClient(BaseClient):
    _response = DjangoResponse

    def _django(self, method, path, data, content_type, follow, headers, query_params):
        if method == "GET":
            query = query_params if query_params is not None else data
            return self._request("GET", path, query, b"", None, headers, follow)
        if content_type == "application/json" and not isinstance(data, (bytes, str)):
            body, kind = self._encode(json_body=data if data is not None else {})
        else:
            body, kind = self._encode(data=data if data is not None else ({} if method == "POST" else b""))
        if method == "POST" and content_type is None:
            content_type = kind or "application/x-www-form-urlencoded"
        return self._request(method, path, query_params, body, content_type or kind, headers, follow)

    def get(self, path, data=None, follow=False, headers=None, query_params=None, **extra):
        return self._django("GET", path, data, None, follow, headers, query_params)

    def post(self, path, data=None, content_type=None, follow=False, headers=None, query_params=None, **extra):
        return self._django("POST", path, data, content_type, follow, headers, query_params)

    def put(self, path, data="", content_type="application/octet-stream", follow=False, headers=None, query_params=None, **extra):
        return self._django("PUT", path, data, content_type, follow, headers, query_params)

    def patch(self, path, data="", content_type="application/octet-stream", follow=False, headers=None, query_params=None, **extra):
        return self._django("PATCH", path, data, content_type, follow, headers, query_params)

    def delete(self, path, data="", content_type="application/octet-stream", follow=False, headers=None, query_params=None, **extra):
        return self._django("DELETE", path, data, content_type, follow, headers, query_params)


# ---- FastAPI / Starlette: TestClient (an httpx client) ---------------------------------------

class StarletteResponse(BaseResponse):
    def json(self):
        return json.loads(self.content)

    @property
    def is_success(self):
        return 200 <= self.status_code < 300

    @property
    def reason_phrase(self):
        return REASONS.get(self.status_code, "").title()

    def raise_for_status(self):
        if self.status_code >= 400:
            raise AssertionError(f"{self.status_code} for {self.request_line}")
        return self


class StarletteClient(BaseClient):
    _response = StarletteResponse
    follow_by_default = True

    def request(self, method, url, *, params=None, headers=None, json=None, data=None, content=None,
                cookies=None, follow_redirects=None):
        if cookies:
            self.cookies.update(cookies)
        body, kind = self._encode(json_body=json, data=data, content=content)
        return self._request(method.upper(), url, params, body, kind, headers, follow_redirects)

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)

    def put(self, url, **kwargs):
        return self.request("PUT", url, **kwargs)

    def patch(self, url, **kwargs):
        return self.request("PATCH", url, **kwargs)

    def delete(self, url, **kwargs):
        return self.request("DELETE", url, **kwargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


CLIENTS = {"flask": FlaskClient, "django": DjangoClient, "fastapi": StarletteClient}


# ---- pytest: the parts beginners use ---------------------------------------------------------
# `import pytest` gives the learner this small module (neither engine installs pytest): raises, approx,
# fail, skip, fixture, param and mark.parametrize/skip/skipif/xfail (other marks, such as
# mark.django_db, change nothing). run_tests puts it in sys.modules before it imports the tests.

class Failed(AssertionError):
    """pytest.fail() and `DID NOT RAISE`: a failed test, like a failed assert."""


class Skipped(Exception):
    """pytest.skip(): the test stops here and counts as passed."""


class ExceptionInfo:
    """What `with pytest.raises(...) as info` gives: info.value, info.type, info.match(pattern)."""

    def __init__(self):
        self.value = None
        self.type = None

    def match(self, pattern):
        import re

        if not re.search(pattern, str(self.value)):
            raise Failed(f"Regex pattern {pattern!r} did not match {str(self.value)!r}")
        return True

    def __repr__(self):
        return f"<ExceptionInfo {self.value!r}>"


class RaisesContext:
    def __init__(self, expected, match):
        self.expected, self.pattern, self.info = expected, match, ExceptionInfo()

    def __enter__(self):
        return self.info

    def __exit__(self, kind, value, tb):
        if kind is None:
            names = self.expected if isinstance(self.expected, tuple) else (self.expected,)
            raise Failed(f"DID NOT RAISE {' or '.join(getattr(n, '__name__', str(n)) for n in names)}")
        if not issubclass(kind, self.expected):
            return False
        self.info.value, self.info.type = value, kind
        if self.pattern is not None:
            self.info.match(self.pattern)
        return True


def raises(expected, *args, match=None, **kwargs):
    """pytest.raises(ValueError, match="..."), as a `with` block or as raises(ValueError, func, *args)."""
    context = RaisesContext(expected, match)
    if not args:
        return context
    with context:
        args[0](*args[1:], **kwargs)
    return context.info


class Approx:
    """pytest.approx(expected, rel=None, abs=None): numbers, and lists, tuples and dicts of them."""

    def __init__(self, expected, rel=None, abs=None, nan_ok=False):
        self.expected, self.rel, self.abs, self.nan_ok = expected, rel, abs, nan_ok

    def _close(self, actual, expected):
        import math
        from numbers import Number

        if isinstance(expected, dict):
            return isinstance(actual, dict) and actual.keys() == expected.keys() and all(
                self._close(actual[k], v) for k, v in expected.items())
        if isinstance(expected, (list, tuple)):
            return isinstance(actual, (list, tuple)) and len(actual) == len(expected) and all(
                self._close(a, e) for a, e in zip(actual, expected))
        if isinstance(expected, bool) or not isinstance(expected, Number) or isinstance(actual, bool):
            return actual == expected
        if not isinstance(actual, Number):
            return False
        if actual == expected:
            return True
        if math.isnan(abs(expected)) or math.isnan(abs(actual)):
            return self.nan_ok and math.isnan(abs(expected)) and math.isnan(abs(actual))
        if math.isinf(abs(expected)):
            return False
        absolute = 1e-12 if self.abs is None else self.abs
        tolerance = absolute if self.rel is None and self.abs is not None else max(
            (1e-6 if self.rel is None else self.rel) * abs(expected), absolute)
        return abs(actual - expected) <= tolerance

    def __eq__(self, actual):
        return self._close(actual, self.expected)

    def __ne__(self, actual):
        return not self == actual

    __hash__ = None

    def __repr__(self):
        return f"approx({self.expected!r})"


def approx(expected, rel=None, abs=None, nan_ok=False):
    return Approx(expected, rel=rel, abs=abs, nan_ok=nan_ok)


def fail(reason="", pytrace=True):
    raise Failed(reason or "failed")


def skip(reason=""):
    raise Skipped(reason)


class Param:
    def __init__(self, values, id=None, marks=()):
        self.values, self.id = values, id
        self.marks = list(marks) if isinstance(marks, (list, tuple)) else [marks]


def param(*values, id=None, marks=()):
    return Param(values, id, marks)


class Mark:
    """@pytest.mark.NAME(...): stored on the test; only parametrize, skip, skipif and xfail act."""

    def __init__(self, name, args=(), kwargs=None):
        self.name, self.args, self.kwargs = name, args, kwargs or {}

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], Mark):
            func = args[0]
            func.pytestmark = [*getattr(func, "pytestmark", []), self]
            return func
        return Mark(self.name, self.args + args, {**self.kwargs, **kwargs})


class MarkFactory:
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Mark(name)


def fixture(func=None, *, scope="function", autouse=False, name=None, params=None, ids=None):
    """@pytest.fixture: a function whose result (or first yield) a test gets by naming its argument."""

    def mark(f):
        if params is not None:
            raise TypeError("pytest.fixture(params=...) is not supported here: use @pytest.mark.parametrize on the test")
        f._crossroads_fixture = {"name": name or f.__name__, "autouse": autouse}
        return f

    return mark(func) if callable(func) else mark


def pytest_module():
    import types

    module = types.ModuleType("pytest", "The parts of pytest that tests here can use.")
    for name, value in {
        "raises": raises, "approx": approx, "fail": fail, "skip": skip, "param": param, "fixture": fixture,
        "mark": MarkFactory(), "fail_exception": Failed, "skip_exception": Skipped, "__version__": "8 (subset)",
    }.items():
        setattr(module, name, value)
    return module


# ---- Running the tests -----------------------------------------------------------------------

MAX_TESTS = 200


def clip(text, limit=MAX_OUTPUT):
    return text if len(text) <= limit else text[:limit] + f"\n... cut at {limit} characters"


def where(error):
    """The line of main.py where the test stopped, as the learner wrote it."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith("main.py")]
    return f" (main.py line {frames[-1].lineno}: {(frames[-1].line or '').strip()})" if frames else ""


def marks_of(func, name, owner=None):
    return [m for m in [*getattr(func, "pytestmark", []), *class_marks(owner)] if isinstance(m, Mark) and m.name == name]


def class_marks(owner):
    """The marks on a test class (decorators or a `pytestmark` attribute): they apply to each of its tests."""
    marks = getattr(owner, "pytestmark", []) if owner is not None else []
    return [m for m in (marks if isinstance(marks, (list, tuple)) else [marks]) if isinstance(m, Mark)]


def case_id(value, argname, index):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return str(value)
    return f"{argname}{index}"


def cases(func, owner=None):
    """[(name, {argument: value}, marks)]: one case, or one per row of each @pytest.mark.parametrize."""
    found = [(f"{owner.__name__}::{func.__name__}" if owner is not None else func.__name__, {}, [])]
    # Decorators apply bottom-up, so the mark nearest the function is first in the list: pytest varies it fastest.
    for mark in marks_of(func, "parametrize", owner):
        argnames, rows = mark.args[0], list(mark.args[1]) if len(mark.args) > 1 else list(mark.kwargs.get("argvalues", []))
        names = [n.strip() for n in argnames.split(",") if n.strip()] if isinstance(argnames, str) else list(argnames)
        ids = mark.kwargs.get("ids")
        expanded = []
        for index, row in enumerate(rows):
            row_marks = row.marks if isinstance(row, Param) else []
            values = row.values if isinstance(row, Param) else (row,) if len(names) == 1 else tuple(row)
            if len(values) != len(names):
                raise TypeError(f"parametrize: {names} needs {len(names)} values per case, got {values!r}")
            if isinstance(row, Param) and row.id is not None:
                label = str(row.id)
            elif callable(ids):
                label = "-".join(str(ids(v)) if ids(v) is not None else case_id(v, n, index) for n, v in zip(names, values))
            elif ids is not None:
                label = str(list(ids)[index])
            else:
                label = "-".join(case_id(v, n, index) for n, v in zip(names, values))
            expanded.append((label, dict(zip(names, values)), row_marks))
        labels = [label for label, _, _ in expanded]
        expanded = [
            (f"{label}{labels[:i].count(label)}" if labels.count(label) > 1 else label, values, row_marks)
            for i, (label, values, row_marks) in enumerate(expanded)
        ]
        found = [
            (name.rstrip("]") + "-" + label + "]" if "[" in name else f"{name}[{label}]", {**args, **values}, [*marks, *row_marks])
            for name, args, marks in found
            for label, values, row_marks in expanded
        ]
    return found


def is_test(name, func):
    return name.startswith("test") and inspect.isfunction(func) and not hasattr(func, "_crossroads_fixture")


def find_tests(module):
    """[(class or None, function)]: the module's test functions and, as pytest does, the `test*` methods
    of its `Test*` classes that have no __init__, in the order they are written."""
    tests = []
    for name, value in vars(module).items():
        if is_test(name, value) and value.__module__ == module.__name__:
            tests.append((value.__code__.co_firstlineno, 0, None, value))
        elif name.startswith("Test") and inspect.isclass(value) and value.__module__ == module.__name__ \
                and value.__init__ is object.__init__:
            members = {}
            for base in reversed(value.__mro__):
                members.update(vars(base))
            methods = [func for n, func in members.items() if is_test(n, func)]
            first = min((func.__code__.co_firstlineno for func in methods), default=0)
            tests += [(first, func.__code__.co_firstlineno, value, func) for func in methods]
    return [(owner, func) for _, _, owner, func in sorted(tests, key=lambda t: t[:2])]


def find_fixtures(namespace, instance=None):
    """The fixtures of a module, or of a test class (then bound to the test's instance)."""
    return {
        func._crossroads_fixture["name"]: getattr(instance, name) if instance is not None else func
        for name, func in vars(namespace).items()
        if callable(func) and isinstance(getattr(func, "_crossroads_fixture", None), dict)
    }


class Fixtures:
    """One test's fixture values: the runner's `client` (and `db` for Django) and the learner's own."""

    def __init__(self, framework, send, own):
        self.builtin = {"client": lambda: CLIENTS[framework](send)}
        if framework == "django":
            self.builtin.update(db=lambda: None, transactional_db=lambda: None)
        self.own, self.values, self.teardowns, self.stack = own, {}, [], []

    def get(self, name):
        if name in self.values:
            return self.values[name]
        if name in self.stack:
            raise TypeError(f"fixture {name!r} needs itself")
        if name in self.own:
            func = self.own[name]
            self.stack.append(name)
            try:
                args = {p.name: self.get(p.name) for p in inspect.signature(func).parameters.values() if p.default is inspect.Parameter.empty}
            finally:
                self.stack.pop()
            value = func(**args)
            if inspect.isgenerator(value):
                generator, value = value, next(value)
                self.teardowns.append(generator)
        elif name in self.builtin:
            value = self.builtin[name]()
        else:
            known = sorted({*self.builtin, *self.own})
            raise TypeError(f"fixture {name!r} not found: a test's arguments can be {', '.join(known)}"
                            " (or a name in its @pytest.mark.parametrize)")
        self.values[name] = value
        return value

    def finish(self):
        """Runs the yield fixtures' code after their yield, last set up first."""
        for generator in reversed(self.teardowns):
            try:
                next(generator)
            except StopIteration:
                continue
            raise TypeError("a fixture yielded more than once")


def outcome_of(error):
    if isinstance(error, Skipped):
        return "pass", f"skipped: {error}".rstrip(": ")
    if isinstance(error, AssertionError):
        return "fail", (str(error) or "assert failed") + where(error)
    return "error", "".join(traceback.format_exception_only(type(error), error)).strip() + where(error)


def run_one(func, framework, send, name=None, arguments=None, marks=(), own_fixtures=None, owner=None):
    buffer = io.StringIO()
    marks = [*getattr(func, "pytestmark", []), *class_marks(owner), *marks]
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        outcome, message = "pass", ""
        fixtures = Fixtures(framework, send, own_fixtures or {})
        try:
            if owner is not None:  # a fresh instance for each test, as pytest does
                instance = owner()
                fixtures.own = {**fixtures.own, **find_fixtures(owner, instance)}
                func = getattr(instance, func.__name__)
            skipping = [m for m in marks if isinstance(m, Mark) and (m.name == "skip" or (m.name == "skipif" and (m.args or [m.kwargs.get("condition")])[0]))]
            if skipping:
                raise Skipped(skipping[0].kwargs.get("reason", ""))
            for auto in (n for n, f in fixtures.own.items() if f._crossroads_fixture["autouse"]):
                fixtures.get(auto)
            wanted = [p.name for p in inspect.signature(func).parameters.values() if p.default is inspect.Parameter.empty]
            args = {n: (arguments or {})[n] if n in (arguments or {}) else fixtures.get(n) for n in wanted}
            func(**args)
        except Exception as error:  # noqa: BLE001 - in pytest, any exception fails the test
            outcome, message = outcome_of(error)
        try:
            fixtures.finish()
        except Exception as error:  # noqa: BLE001 - a fixture's teardown failing is an error of the test
            if outcome == "pass":
                outcome, message = "error", "in a fixture after its yield: " + outcome_of(error)[1]
        expected_failure = next((m for m in marks if isinstance(m, Mark) and m.name == "xfail"), None)
        if expected_failure and outcome != "pass":
            outcome, message = "pass", f"xfail: {message}"
        elif expected_failure and expected_failure.kwargs.get("strict"):
            outcome, message = "fail", "passed, but it is marked xfail(strict=True)"
    return {"name": (name or func.__name__)[:200], "outcome": outcome, "message": clip(message, 600), "output": clip(buffer.getvalue())}


def run_tests(framework, send, module_name="main"):
    """The report for one app: every test's outcome, or why the tests could not run."""
    buffer = io.StringIO()
    sys.modules["pytest"] = pytest_module()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            module = importlib.import_module(module_name)
            planned = [(owner, func, case) for owner, func in find_tests(module) for case in cases(func, owner)]
            if len(planned) > MAX_TESTS:
                raise ValueError(f"your file has {len(planned)} tests; at most {MAX_TESTS} can run")
            own_fixtures = find_fixtures(module)
            error = None
        except BaseException as exc:  # noqa: BLE001 - the learner's import error is the report
            error = {"message": f"{type(exc).__name__}: {exc}", "traceback": clip(traceback.format_exc())}
    if error:
        return {"tests": [], "error": error, "output": clip(buffer.getvalue())}
    tests = [
        run_one(func, framework, send, name, arguments, marks, own_fixtures, owner)
        for owner, func, (name, arguments, marks) in planned
    ]
    return {"tests": tests, "error": None, "output": clip(buffer.getvalue())}


def main():
    # Before any learner code: the server recognises sandbox-tool failures only before this line.
    sys.stderr.write("crossroads:started\n")
    sys.stderr.flush()
    socket_path, ready_seconds, framework = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    sys.path.insert(0, os.getcwd())
    out = os.fdopen(os.dup(1), "w")
    if not wait_for_socket(socket_path, ready_seconds):
        report = {"tests": [], "error": {"message": "The app under test did not start.", "traceback": ""}, "output": ""}
    else:
        report = run_tests(framework, socket_sender(socket_path))
    out.write(json.dumps(report) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
