"""Run an exercise's hidden checks against the learner's code and report one JSON result.

The working directory holds main.py (the learner's code), checks.py (the hidden checks) and the
modules from lessons/_support. The same file runs in CPython (server sandbox) and in Pyodide
(browser worker), so it uses nothing beyond the standard library.

The result is printed on one line that starts with the run's nonce (taken from the environment
and removed before learner code is imported), so text the learner prints cannot pose as a result.
"""

import contextlib
import importlib
import inspect
import io
import json
import os
import sys
import traceback
import warnings

MAX_OUTPUT = 8_000
OUTPUT_LIMIT = 1_000_000


class OutputLimitExceeded(BaseException):
    """Raised from print() once a run has printed too much; BaseException so `except Exception` cannot hide it."""


class CappedBuffer(io.TextIOBase):
    """Keeps what a check prints, up to a limit, without growing without end."""

    printed = 0  # across the whole run

    def __init__(self):
        self.parts = []
        self.kept = 0

    def writable(self):
        return True

    def write(self, text):
        CappedBuffer.printed += len(text)
        if CappedBuffer.printed > OUTPUT_LIMIT:
            raise OutputLimitExceeded()
        if self.kept < MAX_OUTPUT:
            self.parts.append(text[: MAX_OUTPUT - self.kept])
            self.kept += len(self.parts[-1])
        return len(text)

    def getvalue(self):
        return "".join(self.parts)
HIDDEN_FILES = ("harness.py", "<frozen importlib", "importlib/__init__.py")


def clip(text):
    if len(text) <= MAX_OUTPUT:
        return text
    return text[:MAX_OUTPUT] + f"\n... output cut at {MAX_OUTPUT} characters"


def format_error(exc):
    """A traceback without the harness's own frames, so the learner sees their code first."""
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if not any(hidden in frame.filename for hidden in HIDDEN_FILES)
    ]
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)


def title_of(func):
    doc = inspect.getdoc(func)
    if doc:
        return doc.strip().splitlines()[0]
    return func.__name__.removeprefix("check_").replace("_", " ").capitalize()


def run_captured(func):
    buffer = CappedBuffer()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            func()
            outcome = ("pass", "", "")
        except OutputLimitExceeded:
            raise
        except AssertionError as exc:
            outcome = ("fail", str(exc) or "The check's condition was not met.", "")
        except SystemExit as exc:
            outcome = ("error", f"The code called exit({exc.code!r}).", "")
        except BaseException as exc:  # noqa: BLE001 - any learner error becomes a result
            outcome = ("error", f"{type(exc).__name__}: {exc}", format_error(exc))
    status, message, trace = outcome
    return status, message, trace, clip(buffer.getvalue())


def run():
    checks_module = {}

    def load():
        checks_module["module"] = importlib.import_module("checks")

    status, message, trace, output = run_captured(load)
    if status != "pass":
        return {
            "status": "error",
            "phase": "import",
            "message": message,
            "traceback": trace,
            "output": output,
            "checks": [],
        }
    module = checks_module["module"]
    functions = [
        func
        for name, func in vars(module).items()
        if name.startswith("check_") and inspect.isfunction(func) and func.__module__ == "checks"
    ]
    functions.sort(key=lambda func: func.__code__.co_firstlineno)
    results = []
    for func in functions:
        status, message, trace, check_output = run_captured(func)
        results.append(
            {
                "name": func.__name__,
                "title": title_of(func),
                "status": status,
                "message": message,
                "traceback": trace,
                "output": check_output,
            }
        )
    passed = all(result["status"] == "pass" for result in results) and bool(results)
    return {
        "status": "pass" if passed else "fail",
        "phase": "checks",
        "message": "",
        "traceback": "",
        "output": output,
        "checks": results,
    }


def main():
    # Starlette 1.x warns that TestClient's httpx backend is deprecated: noise for learners.
    warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
    nonce = os.environ.pop("CROSSROADS_NONCE", "")
    out = sys.stdout
    sys.path.insert(0, os.getcwd())
    try:
        result = run()
    except OutputLimitExceeded:
        result = {
            "status": "limit",
            "phase": "checks",
            "message": f"Your program printed more than {OUTPUT_LIMIT // 1000} KB of output and was stopped. "
            "Look for a print inside a loop that never ends.",
            "traceback": "",
            "output": "",
            "checks": [],
        }
    out.write("\n" + nonce + json.dumps(result) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
