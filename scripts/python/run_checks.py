"""Runs an exercise's checks (checks.py) against the learner's app and reports one result.

Server engine: `python run_checks.py SOCKET_PATH` in the checks' own sandbox. It waits for the
learner's app to listen on SOCKET_PATH, runs every check_* function with a fresh Client over that
socket, and prints the result as one JSON line on its own stdout, which only the server reads. The
learner's code runs in another sandbox and can reach this process only through HTTP answers.

Browser engine (practice runs only): the Pyodide worker imports this module and calls
run_all(InProcessTransport(host)) in the same interpreter as the learner's app.

Request console (issue 18): when the server wrote probe.json beside this file (a JSON object: method,
path, headers as [name, value] pairs, body text, openapi), no checks run: run_probe sends that one request
(after GET /openapi.json when asked) and the line printed holds the response. The request is data read
from the file, never Python source.
"""

import gc

# As the program (the check sandbox), our imports' objects live as long as the process: the cyclic collector
# is off while they load and on again, with them set aside (gc.freeze), before any check runs. Imported
# as a module (the browser engine, where learner code shares the interpreter), nothing here changes.
if __name__ == "__main__":
    gc.disable()

import contextlib  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crossroads_checks import SUBMITTED_SOURCE, CheckFailed, Client, Request  # noqa: E402

MAX_OUTPUT = 8_000
SHOWN = 2_000
REQUEST_TIMEOUT = 8
PROBE_FILE = "probe.json"
# Bounds of what the console shows (lib/runner/probe.ts checks them again).
PROBE_BODY_LIMIT = 65_536
OPENAPI_LIMIT = 262_144
PROBE_HEADERS = 100
PROBE_HEADER_CHARS = 16_000


class AppGone(Exception):
    """The learner's app stopped answering: it crashed, exited or closed the connection."""


# HTTP/1.1 over the socket, written here rather than with http.client: importing http.client (and the email
# parser it reads headers with) cost this sandbox about a quarter of its CPU (docs/benchmarks.md). The only
# server it talks to is app_server.py, which writes a status line, headers, Content-Length and the body, then closes.
MAX_BODY = 4_000_000
MAX_HEAD = 65_536
MAX_HEADERS = 100
# What a method, path or header name may not hold (spaces and control characters), and a header value
# (line breaks and NUL): bytes that would end it or start another, as http.client refuses them.
CONTROL_OR_SPACE = set(range(0x21)) | {0x7F}
ILLEGAL_IN_VALUE = {0x00, 0x0A, 0x0D}
NO_BODY_STATUSES = {204, 304}


class BadResponse(Exception):
    """What came back over the socket is not an HTTP/1.x response."""


def encode_request(method, target, headers, body):
    """The request's bytes, with Host and Accept-Encoding as http.client sent them and the body's Content-Length."""
    target = target or "/"  # as http.client sends an empty path (a redirect to "http://localhost")
    if any(byte in CONTROL_OR_SPACE for byte in f"{method}{target}".encode("ascii")):  # non-ASCII raises, as with http.client
        raise ValueError(f"the method or path holds a space or a control character: {method!r} {target!r}")
    sent = {"Host": "localhost", "Accept-Encoding": "identity"}
    for name, value in headers.items():
        # A Host or Accept-Encoding given replaces ours; the body is always sent whole, with its own length.
        same = next((key for key in sent if key.lower() == str(name).lower()), name)
        if same.lower() not in ("content-length", "transfer-encoding"):
            sent[same] = value
    sent["Content-Length"] = str(len(body))
    lines = [f"{method} {target} HTTP/1.1".encode("ascii")]
    for name, value in sent.items():
        name_bytes, value_bytes = str(name).encode("latin-1"), str(value).encode("latin-1")
        if not name_bytes or b":" in name_bytes or any(byte in CONTROL_OR_SPACE for byte in name_bytes):
            raise ValueError(f"invalid header name {name!r}")
        if any(byte in ILLEGAL_IN_VALUE for byte in value_bytes):
            raise ValueError(f"invalid value for header {name!r}: it holds a line break")
        lines.append(name_bytes + b": " + value_bytes)
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def decimal(text, what):
    """A decimal number the app sent (ASCII digits only: str.isdigit also takes "²"), or BadResponse."""
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise BadResponse(f"bad {what} {text[:40]!r}")
    return int(text)


def read_response(sock, method):
    """(status, [(name, value)], body) from sock; the body is at most MAX_BODY bytes, and none for HEAD, 204 and 304."""
    data = bytearray()
    end = -1
    while end < 0:
        if len(data) > MAX_HEAD:
            raise BadResponse("the status line and headers are too long")
        chunk = sock.recv(65_536)
        if not chunk:
            raise BadResponse("the connection closed before the headers ended")
        data += chunk
        end = data.find(b"\r\n\r\n", max(0, len(data) - len(chunk) - 3))  # only where the new bytes could end it
    head, rest = bytes(data[:end]), data[end + 4 :]
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest_of_line = lines[0].partition(" ")
    code = rest_of_line.partition(" ")[0]
    if not version.startswith("HTTP/1.") or len(code) != 3:
        raise BadResponse(f"bad status line {lines[0][:100]!r}")
    status = decimal(code, "status")
    if status < 100:
        raise BadResponse(f"bad status line {lines[0][:100]!r}")
    if len(lines) - 1 > MAX_HEADERS:
        raise BadResponse("more than 100 headers")
    headers = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon:
            raise BadResponse(f"bad header line {line[:100]!r}")
        headers.append((name, value.lstrip(" \t")))
    if method == "HEAD" or status in NO_BODY_STATUSES or 100 <= status < 200:
        return status, headers, b""
    length = next((value.strip() for name, value in headers if name.strip().lower() == "content-length"), None)
    wanted = min(decimal(length, "Content-Length"), MAX_BODY) if length is not None else MAX_BODY
    body = rest[:wanted]
    while len(body) < wanted:
        chunk = sock.recv(min(65_536, wanted - len(body)))
        if not chunk:
            if length is None:
                break  # no length given: the body is what came before the close
            raise BadResponse(f"the body ended after {len(body)} of {length} bytes")
        body += chunk
    return status, headers, bytes(body)


class SocketTransport:
    """HTTP/1.1 to the learner's app over a Unix socket (server engine)."""

    def __init__(self, socket_path):
        self.socket_path = socket_path

    def wait_until_ready(self, seconds):
        deadline = time.monotonic() + seconds
        # The server puts this file in our own folder (never the socket's, which the app can write) when the
        # app ended without listening.
        ended = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app-ended")
        while time.monotonic() < deadline and not os.path.exists(ended):
            if os.path.exists(self.socket_path):
                try:
                    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    probe.connect(self.socket_path)
                    probe.close()
                    return True
                except OSError:
                    pass
            time.sleep(0.005)
        return False

    def _exchange(self, method, target, headers, body):
        message = encode_request(method, target, headers, body)  # a ValueError here is the request's fault, not the app's
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(REQUEST_TIMEOUT)  # per read or write, like http.client's
        try:
            sock.connect(self.socket_path)
            sock.sendall(message)
            return read_response(sock, method)
        except socket.timeout:
            raise AppGone(f"Your app did not answer {method} {target} within {REQUEST_TIMEOUT} seconds.") from None
        except (OSError, BadResponse) as exc:
            raise AppGone(f"Your app stopped answering during {method} {target} (it crashed or exited: {type(exc).__name__}).") from None
        finally:
            sock.close()

    def send(self, request):
        return self._exchange(request.method, request.path, request.headers, request.body)


class InProcessTransport:
    """Calls the learner's WSGI app directly, in the same interpreter (browser engine, practice only)."""

    def __init__(self, host):
        self.host = host

    def send(self, request):
        coroutine = self.host.handle(request.method, request.path, request.headers, request.body)
        try:
            coroutine.send(None)
        except StopIteration as done:
            return done.value
        coroutine.close()
        raise RuntimeError("This app needs an event loop: it runs on the server engine only.")


def clip(text, limit=MAX_OUTPUT):
    return text if len(text) <= limit else text[:limit] + f"\n... cut at {limit} characters"


def describe(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return clip(value, SHOWN)
    try:
        return clip(json.dumps(value, indent=1, ensure_ascii=False, default=repr), SHOWN)
    except (TypeError, ValueError):
        return clip(repr(value), SHOWN)


def title_of(func):
    # The docstring's first line, as inspect.getdoc(func).strip().splitlines()[0] gives it (without importing inspect).
    doc = func.__doc__ if isinstance(func.__doc__, str) else None
    if doc and doc.strip():
        return doc.expandtabs().strip().splitlines()[0]
    return func.__name__.removeprefix("check_").replace("_", " ").capitalize()


def run_one(func, transport):
    client = Client(transport)
    buffer = io.StringIO()
    expected = actual = ""
    trace = ""
    with contextlib.redirect_stdout(buffer):
        try:
            func(client)
            status, message = "pass", ""
        except CheckFailed as exc:
            status, message = "fail", exc.message
            expected, actual = describe(exc.expected), describe(exc.actual)
        except AssertionError as exc:
            status, message = "fail", str(exc) or "The check's condition was not met."
        except AppGone as exc:
            status, message = "error", str(exc)
        except Exception as exc:  # noqa: BLE001 - a check that crashes on an odd answer is the app's failure to report
            status, message = "error", f"The check could not finish: {type(exc).__name__}: {exc}"
            import traceback

            trace = "".join(traceback.format_exception_only(type(exc), exc))
    request = ""
    if status != "pass" and client.last is not None:
        sent, response = client.last
        request = str(sent)
        if response is not None and not actual.strip():
            actual = response.summary()
    return {
        "name": func.__name__,
        "title": title_of(func),
        "status": status,
        "message": message,
        "traceback": trace,
        "output": clip(buffer.getvalue()),
        "request": clip(request, SHOWN),
        "expected": expected,
        "actual": clip(actual, SHOWN),
    }


def source_hints():
    """Framework-aware hints on the submitted source (crossroads_hints), [] when there are none or it cannot be read."""
    try:
        import crossroads_hints

        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), SUBMITTED_SOURCE), "rb") as handle:
            text = importlib.util.decode_source(handle.read())
        return crossroads_hints.hints_for(text)
    except Exception:  # noqa: BLE001 - hints are extra help: never let them break the run's report
        return []


def run_all(transport, checks_module="checks"):
    module = importlib.import_module(checks_module)
    functions = [
        func
        for name, func in vars(module).items()
        if name.startswith("check_") and isinstance(func, types.FunctionType) and func.__module__ == module.__name__
    ]
    functions.sort(key=lambda func: func.__code__.co_firstlineno)
    results = [run_one(func, transport) for func in functions]
    passed = bool(results) and all(result["status"] == "pass" for result in results)
    result = {"status": "pass" if passed else "fail", "phase": "checks", "message": "", "traceback": "", "output": "", "checks": results}
    if not passed:
        result["hints"] = source_hints()
    return result


def response_record(status, headers, body, limit):
    """A response as JSON-able data: headers as pairs, the body as text when it is UTF-8, else base64, cut at limit."""
    try:
        text = body.decode("utf-8")
        shown, encoding, truncated = text[:limit], "text", len(text) > limit
    except UnicodeDecodeError:
        import base64

        shown, encoding, truncated = base64.b64encode(body[:limit]).decode("ascii"), "base64", len(body) > limit
    # At most PROBE_HEADER_CHARS of headers in all, so the line stays far below what the server reads.
    pairs, room = [], PROBE_HEADER_CHARS
    for name, value in list(headers)[:PROBE_HEADERS]:
        pair = [str(name)[:200], str(value)[:4_000]]
        room -= len(pair[0]) + len(pair[1])
        if room < 0:
            break
        pairs.append(pair)
    return {"status": int(status), "headers": pairs, "body": shown, "encoding": encoding, "bytes": len(body), "truncated": truncated}


def run_probe(transport, spec):
    """The console's one request (spec: method, path, headers, body, openapi), and the app's response."""
    result = {"status": "pass", "phase": "checks", "message": "", "traceback": "", "output": "", "checks": [], "probe": {}}
    try:
        if spec.get("openapi"):
            status, headers, body = transport.send(Request("GET", "/openapi.json", {}, b""))
            result["probe"]["openapi"] = response_record(status, headers, body, OPENAPI_LIMIT)
        sent = {}
        for name, value in spec["headers"]:
            same = next((key for key in sent if key.lower() == name.lower()), None)
            if same is None:
                sent[name] = value
            else:
                sent[same] += ("; " if name.lower() == "cookie" else ", ") + value
        request = Request(spec["method"], spec["path"], sent, spec["body"].encode("utf-8"))
        status, headers, body = transport.send(request)
        result["probe"]["response"] = response_record(status, headers, body, PROBE_BODY_LIMIT)
    except AppGone as exc:
        result.update(status="error", message=str(exc))
    except Exception as exc:  # noqa: BLE001 - the request could not be sent (an odd header, an app that needs asyncio here)
        result.update(status="error", message=f"The request could not be sent: {type(exc).__name__}: {exc}"[:1_000])
    return result


def main():
    gc.freeze()  # what we imported: never scanned again
    gc.enable()
    socket_path = sys.argv[1]
    ready_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    # The sandbox may be started ahead of the run (lib/runner/warm-pool.ts): the checks arrive, and the
    # clock starts, when the server writes "go" on stdin.
    if "--wait-for-go" in sys.argv[3:] and sys.stdin.readline().strip() != "go":
        return
    transport = SocketTransport(socket_path)
    probe_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), PROBE_FILE)
    probe = None
    if os.path.exists(probe_path):
        with open(probe_path, encoding="utf-8") as handle:
            probe = json.load(handle)
    if not transport.wait_until_ready(ready_seconds):
        result = {"status": "error", "phase": "import", "message": "Your app did not start, so no check could run.", "traceback": "", "output": "", "checks": [], "hints": source_hints()}
    elif probe is not None:
        result = run_probe(transport, probe)
    else:
        result = run_all(transport)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
    # main() has written and flushed the result: end here rather than have the interpreter free every module
    # and object one by one on the way out (about 1 ms of this sandbox's CPU per run). No atexit handler runs,
    # and a thread a check left running is not waited for.
    os._exit(0)
