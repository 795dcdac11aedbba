"""Serves the learner's app over HTTP/1.1 on a Unix socket (server engine, learner's sandbox).

Usage: python app_server.py SOCKET_PATH [FRAMEWORK]

With FRAMEWORK (flask, fastapi, django or none) the sandbox was started ahead of the run: it imports
that framework, then waits for "go" on stdin before it imports main.py (lib/runner/warm-pool.ts).

Imports main.py, starts the app (running an ASGI app's lifespan startup), then listens on
SOCKET_PATH; the checks connect to it from their own sandbox. One request per connection. What the
learner's code prints goes to this process's stdout and stderr, which the server shows as the
program's output; nothing this process writes is ever read as a verdict.
"""

import asyncio
import importlib
import os
import sys

# First, before any learner code runs: tells the server the sandbox started, so nothing the learner's
# code prints later can pose as a sandbox failure.
sys.stderr.write("crossroads:started\n")
sys.stderr.flush()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crossroads_app import AppHost, Lifespan, learner_traceback  # noqa: E402

MAX_REQUEST = 4_000_000


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip()] = value.strip()
    length = int(headers.get("Content-Length", "0") or 0)
    if length > MAX_REQUEST:
        raise ValueError("request too large")
    body = await reader.readexactly(length) if length else b""
    return method, target, headers, body


def write_response(writer, status, headers, body):
    lines = [f"HTTP/1.1 {status} {'OK' if status < 400 else 'Error'}"]
    skip = {"content-length", "connection", "transfer-encoding"}
    for name, value in headers:
        if name.lower() not in skip:
            lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", errors="replace") + body)


async def serve(socket_path, module_name="main"):
    host = AppHost(module_name)
    lifespan = None
    if host.kind == "asgi":
        lifespan = Lifespan(host.app)
        await lifespan.startup()
        host.lifespan_state = lifespan.state

    async def on_connection(reader, writer):
        try:
            method, target, headers, body = await read_request(reader)
            status, out_headers, out_body = await host.handle(method, target, headers, body)
            write_response(writer, status, out_headers, out_body)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()

    # Listen on a temporary name and rename when ready: the socket appears only once the app can answer.
    temporary = socket_path + ".starting"
    server = await asyncio.start_unix_server(on_connection, path=temporary)
    os.chmod(temporary, 0o777)
    os.rename(temporary, socket_path)
    async with server:
        try:
            await server.serve_forever()
        finally:
            if lifespan is not None:
                await lifespan.shutdown()


# What a sandbox started ahead of the run imports while it waits for the learner's code (only our own
# imports: importing a framework runs no learner code). Django stays unconfigured until main.py runs.
WARM_IMPORTS = {
    "flask": ["flask"],
    "fastapi": ["fastapi", "fastapi.responses"],
    "django": ["django.http", "django.urls", "django.db.models", "django.core.handlers.wsgi"],
}


def wait_for_go(framework):
    """Imports the framework, then blocks until the server has written main.py and says "go"."""
    for module in WARM_IMPORTS.get(framework, []):
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - the learner's own import will report it
            pass
    sys.stderr.write("crossroads:ready\n")
    sys.stderr.flush()
    return sys.stdin.readline().strip() == "go"


def main():
    socket_path = sys.argv[1]
    if len(sys.argv) > 2 and not wait_for_go(sys.argv[2]):
        return
    try:
        asyncio.run(serve(socket_path))
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - the learner's import error: shown as the traceback
        sys.stderr.write(learner_traceback(exc))
        sys.stderr.flush()
        os._exit(1)


if __name__ == "__main__":
    main()
