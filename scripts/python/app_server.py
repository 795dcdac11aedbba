"""Serves the learner's app over HTTP/1.1 on a Unix socket (server engine, learner's sandbox).

Usage: python app_server.py SOCKET_PATH [FRAMEWORK]

With FRAMEWORK (flask, fastapi, django or none) the sandbox was started ahead of the run: it imports
that framework, then waits for "go" on stdin before it imports main.py (lib/runner/warm-pool.ts).

Imports main.py, starts the app (running an ASGI app's lifespan startup), then listens on
SOCKET_PATH; the checks connect to it from their own sandbox. One request per connection. What the
learner's code prints goes to this process's stdout and stderr, which the server shows as the
program's output; nothing this process writes is ever read as a verdict.
"""

import gc

# Our own imports (asyncio, the framework) allocate many objects and free almost none: the cyclic garbage
# collector would only scan them again and again (about a tenth of the import's CPU). As the program, it is
# off until just before the learner's code runs, then back on with what we imported set aside (gc.freeze,
# collect_as_usual): the learner's code meets the collector on. Imported as a module (serve_apps.py), no change.
if __name__ == "__main__":
    gc.disable()

import asyncio  # noqa: E402
import contextlib  # noqa: E402
import importlib  # noqa: E402
import importlib.machinery  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

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


# FastAPI's OpenAPI document models (fastapi/openapi/models.py, about 40 Pydantic models) are built when the
# module is imported, most of them several times over (each model that refers to the recursive Schema
# builds it again): about a fifth of `import fastapi`'s CPU, for models that only /openapi.json and the
# security classes use. While that one module runs, Pydantic's default for `defer_build` is True (not
# written into the models' model_config) and its three model_rebuild() calls are skipped: each model is
# then built by Pydantic itself the first time it is used, from the same class and the same module
# namespace, so /openapi.json, /docs and validation are unchanged (tests/integration/openapi-deferred.test.ts).
DEFERRED_MODULE = "fastapi.openapi.models"


@contextlib.contextmanager
def pydantic_builds_deferred(module_name):
    try:
        from pydantic import BaseModel
        from pydantic._internal import _config

        defaults = _config.config_defaults
        rebuild = BaseModel.__dict__["model_rebuild"]
    except (ImportError, AttributeError, KeyError):
        defaults = rebuild = None
    if not isinstance(defaults, dict) or defaults.get("defer_build") is not False or not isinstance(rebuild, classmethod):
        yield  # not the Pydantic this was written for: built as usual
        return

    def deferred_rebuild(cls, *args, **kwargs):
        if cls.__module__ == module_name and not args and not kwargs and not cls.__pydantic_complete__:
            return None
        return rebuild.__func__(cls, *args, **kwargs)

    defaults["defer_build"] = True
    BaseModel.model_rebuild = classmethod(deferred_rebuild)
    try:
        yield
    finally:
        defaults["defer_build"] = False
        BaseModel.model_rebuild = rebuild


class DeferredModelsFinder:
    """Finds DEFERRED_MODULE as the path finder does, and runs it with pydantic_builds_deferred."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != DEFERRED_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader_exec = spec.loader.exec_module

        def exec_module(module):
            del spec.loader.exec_module  # once: a reload runs the module as usual
            # The module's own first imports, outside the window, so only its models are deferred.
            importlib.import_module("fastapi._compat")
            importlib.import_module("fastapi.logger")
            with pydantic_builds_deferred(name):
                loader_exec(module)
            # Built later from inside some other call, a model resolves its annotations as the skipped
            # model_rebuild() at the module's end did: from the module's own names, never the caller's.
            for value in list(vars(module).values()):
                if isinstance(value, type) and getattr(value, "__module__", None) == name and "__pydantic_fields__" in vars(value):
                    value.__pydantic_parent_namespace__ = vars(module)

        spec.loader.exec_module = exec_module
        return spec


def warm_import(framework):
    """Imports what the framework's runs need, our own code only (no learner code exists yet)."""
    finder = DeferredModelsFinder if framework == "fastapi" else None
    if finder is not None:
        sys.meta_path.insert(0, finder)
    try:
        for module in WARM_IMPORTS.get(framework, []):
            try:
                importlib.import_module(module)
            except Exception:  # noqa: BLE001 - the learner's own import will report it
                pass
    finally:
        if finder is not None:
            sys.meta_path.remove(finder)


def wait_for_go(framework):
    """Imports the framework, then blocks until the server has written main.py and says "go"."""
    warm_import(framework)
    sys.stderr.write("crossroads:ready\n")
    sys.stderr.flush()
    return sys.stdin.readline().strip() == "go"


def collect_as_usual():
    """Sets what we imported aside (never scanned again) and turns the collector back on, before learner code."""
    gc.freeze()
    gc.enable()


def main():
    socket_path = sys.argv[1]
    if len(sys.argv) > 2 and not wait_for_go(sys.argv[2]):
        return
    collect_as_usual()  # before the learner's code: main.py is imported inside serve()
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
