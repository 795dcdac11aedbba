"""Serves a testing exercise's authored apps, one socket each (server engine, the apps' sandbox).

Usage: python serve_apps.py SOCKETS_ROOT FRAMEWORK COUNT

The apps are app_0.py ... app_<COUNT-1>.py in the working directory, in an order the server shuffled
for this run; none holds learner code. The framework is imported once, then one child process per app
(fork: cheap, and a Django project can be configured only once per process) imports its app and
serves it on SOCKETS_ROOT/<n>/app.sock, exactly as app_server.py serves a learner's app. The server
mounts only SOCKETS_ROOT/<n> into the sandbox where the learner's tests meet app n, as /sockets.

Each app makes its own starting data at random when it is imported (older rows, ids that start past 1,
see apps/working.py of each testing exercise), so the learner's tests cannot count on fixed ids or an
empty list. Each child reseeds `random` before that import, so every app, and each of the working app's
runs, starts from other data. The browser engine imports each app fresh, which does the same there.
"""

import asyncio
import importlib
import os
import random
import sys

sys.stderr.write("crossroads:started\n")
sys.stderr.flush()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import app_server  # noqa: E402

# What every app of a framework imports anyway: paid for once, before the fork.
PRELOAD = {
    "flask": ["flask"],
    "django": ["django", "django.db.models", "django.http", "django.shortcuts", "django.urls", "django.views.decorators.csrf"],
    "fastapi": ["fastapi", "pydantic"],
}


def serve_one(index, sockets_root, framework):
    random.seed()  # from os.urandom: this app's starting data owes nothing to its siblings'
    try:
        if framework == "django":
            # Configured once in the parent (below); each app still calls django_setup.configure(), which
            # then only adds its templates, so point the URLs at this child's app.
            # (Set before the import, which app_server does inside its event loop: Django's connections
            # are per context, and the app's in-memory tables must be made where requests will read them.)
            from django.conf import settings

            settings.ROOT_URLCONF = f"app_{index}"
        asyncio.run(app_server.serve(os.path.join(sockets_root, str(index), "app.sock"), f"app_{index}"))
    except BaseException as exc:  # noqa: BLE001 - an authored app that fails: its traceback, for the staff
        sys.stderr.write(f"app {index}: {type(exc).__name__}: {exc}\n")
        sys.stderr.flush()
    os._exit(1)


def main():
    sockets_root, framework, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for name in PRELOAD.get(framework, []):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that needs settings first: the child imports it
            pass
    if framework == "django":
        # django.setup() once, before the fork (no database connection is opened here: each child's
        # in-memory database is its own). Children define their models after it.
        import django_setup

        django_setup.configure()
    children = []
    for index in range(count):
        pid = os.fork()
        if pid == 0:
            serve_one(index, sockets_root, framework)
        children.append(pid)
    for _ in children:
        try:
            os.wait()
        except ChildProcessError:
            break


if __name__ == "__main__":
    main()
