"""Tests of scripts/python/crossroads_hints.py (run by tests/unit/crossroads-hints.test.ts, or directly:
`python3 -m unittest tests/unit/python/test_crossroads_hints.py`).

Every rule has a positive snippet (the mistake: the rule must fire) and a negative one (the correct code
next to it: the rule must stay quiet). The course's reference solutions and alternatives must get no
hint at all, and the wrong/ solutions listed in WRONG_FIXTURES must get the named rule.
"""

import glob
import json
import os
import sys
import textwrap
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "python"))

import crossroads_hints  # noqa: E402

FLASK = "from flask import Flask, request, jsonify, redirect, render_template_string, session, abort\napp = Flask(__name__)\n"
DJANGO = (
    "import django_setup\ndjango_setup.configure()\n"
    "from django.db import models\nfrom django.http import HttpResponse, JsonResponse, Http404\n"
    "from django.shortcuts import get_object_or_404, redirect, render\nfrom django.urls import path\n"
)
FASTAPI = "from fastapi import FastAPI, HTTPException, Depends\nfrom pydantic import BaseModel\napp = FastAPI()\n"


def code(prefix, body):
    return prefix + textwrap.dedent(body)


# rule: (positive snippet, negative snippet)
CASES = {
    "flask-view-returns-none": (
        code(FLASK, """
            @app.get("/items/<int:item_id>")
            def item(item_id):
                if item_id == 1:
                    return {"id": 1}
            """),
        code(FLASK, """
            @app.get("/items/<int:item_id>")
            def item(item_id):
                if item_id == 1:
                    return {"id": 1}
                abort(404)
            """),
    ),
    "django-view-returns-none": (
        code(DJANGO, """
            def item(request, pk):
                if request.method == "GET":
                    return JsonResponse({"id": pk})
            urlpatterns = [path("items/<int:pk>/", item)]
            """),
        code(DJANGO, """
            def item(request, pk):
                if request.method == "GET":
                    return JsonResponse({"id": pk})
                else:
                    raise Http404("no")
            urlpatterns = [path("items/<int:pk>/", item)]
            """),
    ),
    "flask-status-tuple-order": (
        code(FLASK, """
            @app.post("/items")
            def create():
                return 201, {"id": 1}
            """),
        code(FLASK, """
            @app.post("/items")
            def create():
                return {"id": 1}, 201
            """),
    ),
    "flask-route-without-methods": (
        code(FLASK, """
            @app.route("/contact")
            def contact():
                if request.method == "POST":
                    return "Thanks " + request.form["name"]
                return "<form method=post>"
            """),
        code(FLASK, """
            @app.route("/contact", methods=["GET", "POST"])
            def contact():
                if request.method == "POST":
                    return "Thanks " + request.form["name"]
                return "<form method=post>"
            """),
    ),
    "flask-body-read-on-get": (
        code(FLASK, """
            @app.get("/search")
            def search():
                return {"q": request.json["q"]}
            """),
        code(FLASK, """
            @app.get("/search")
            def search():
                return {"q": request.args.get("q", "")}
            """),
    ),
    "flask-query-int-by-hand": (
        code(FLASK, """
            @app.get("/items")
            def items():
                limit = int(request.args.get("limit", 10))
                return {"limit": limit}
            """),
        code(FLASK, """
            @app.get("/items")
            def items():
                limit = request.args.get("limit", 10, type=int)
                return {"limit": limit}
            """),
    ),
    "json-of-set": (
        code(FLASK, """
            @app.get("/tags")
            def tags():
                return jsonify(tags={"a", "b"})
            """),
        code(FLASK, """
            @app.get("/tags")
            def tags():
                return jsonify(tags=sorted({"a", "b"}))
            """),
    ),
    "server-started-at-import": (
        code(FLASK, """
            @app.get("/")
            def home():
                return "hi"
            app.run()
            """),
        code(FLASK, """
            @app.get("/")
            def home():
                return "hi"
            if __name__ == "__main__":
                app.run()
            """),
    ),
    "debug-mode-on": (
        code(FLASK, """
            app.config["DEBUG"] = True
            """),
        code(FLASK, """
            app.config["DEBUG"] = False
            """),
    ),
    "mutable-default-argument": (
        code(FLASK, """
            def create_app(settings={}):
                settings.update(TESTING=True)
                return Flask(__name__)
            """),
        code(FLASK, """
            def create_app(settings=None):
                settings = dict(settings or {})
                return Flask(__name__)
            """),
    ),
    "len-plus-one-id": (
        code(FASTAPI, """
            ITEMS = {}
            @app.post("/items", status_code=201)
            def create(name: str):
                item_id = len(ITEMS) + 1
                ITEMS[item_id] = name
                return {"id": item_id}
            """),
        code(FASTAPI, """
            import itertools
            ITEMS = {}
            IDS = itertools.count(1)
            @app.post("/items", status_code=201)
            def create(name: str):
                item_id = next(IDS)
                ITEMS[item_id] = name
                return {"id": item_id, "position": len(ITEMS) + 1}
            """),
    ),
    "sql-built-from-strings": (
        code(DJANGO, """
            from django.db import connection
            def search(request):
                q = request.GET.get("q", "")
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT title FROM book WHERE title LIKE '%{q}%'")
                    return JsonResponse({"titles": [r[0] for r in cursor.fetchall()]})
            """),
        code(DJANGO, """
            from django.db import connection
            TABLE = "book"
            def search(request):
                q = request.GET.get("q", "")
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT title FROM {TABLE} WHERE title LIKE %s", ["%" + q + "%"])
                    return JsonResponse({"titles": [r[0] for r in cursor.fetchall()]})
            """),
    ),
    "django-get-without-does-not-exist": (
        code(DJANGO, """
            class Book(models.Model):
                title = models.CharField(max_length=100)
                class Meta:
                    app_label = "exercise"
            def book(request, pk):
                return JsonResponse({"title": Book.objects.get(pk=pk).title})
            urlpatterns = [path("books/<int:pk>/", book)]
            django_setup.migrate()
            """),
        code(DJANGO, """
            class Book(models.Model):
                title = models.CharField(max_length=100)
                class Meta:
                    app_label = "exercise"
            def book(request, pk):
                try:
                    found = Book.objects.get(pk=pk)
                except Book.DoesNotExist:
                    raise Http404("No such book")
                return JsonResponse({"title": found.title})
            urlpatterns = [path("books/<int:pk>/", book)]
            django_setup.migrate()
            """),
    ),
    "django-view-returns-data": (
        code(DJANGO, """
            def hello(request):
                return {"message": "hi"}
            urlpatterns = [path("hello/", hello)]
            """),
        code(DJANGO, """
            def hello(request):
                return JsonResponse({"message": "hi"})
            urlpatterns = [path("hello/", hello)]
            """),
    ),
    "django-model-without-migrate": (
        code(DJANGO, """
            django_setup.migrate()
            class Book(models.Model):
                title = models.CharField(max_length=100)
                class Meta:
                    app_label = "exercise"
            """),
        code(DJANGO, """
            class Book(models.Model):
                title = models.CharField(max_length=100)
                class Meta:
                    app_label = "exercise"
            django_setup.migrate()
            """),
    ),
    "django-model-without-app-label": (
        code(DJANGO, """
            class Book(models.Model):
                title = models.CharField(max_length=100)
            django_setup.migrate()
            """),
        code(DJANGO, """
            class Book(models.Model):
                title = models.CharField(max_length=100)
                class Meta:
                    app_label = "exercise"
            django_setup.migrate()
            """),
    ),
    "sleep-in-async": (
        code(FASTAPI, """
            import time
            @app.get("/slow")
            async def slow():
                time.sleep(1)
                return {"ok": True}
            """),
        code(FASTAPI, """
            import asyncio, time
            @app.get("/slow")
            async def slow():
                await asyncio.sleep(1)
                return {"ok": True}
            @app.get("/sync")
            def sync():
                time.sleep(1)
                return {"ok": True}
            """),
    ),
    "blocking-http-in-async": (
        code(FASTAPI, """
            import requests
            @app.get("/weather")
            async def weather():
                return requests.get("https://example.com/weather").json()
            """),
        code(FASTAPI, """
            import httpx
            @app.get("/weather")
            async def weather():
                async with httpx.AsyncClient() as client:
                    response = await client.get("https://example.com/weather")
                return response.json()
            """),
    ),
    "blocking-io-in-async": (
        code(FASTAPI, """
            import sqlite3
            @app.get("/count")
            async def count():
                conn = sqlite3.connect("app.db")
                return {"n": conn.execute("SELECT count(*) FROM item").fetchone()[0]}
            """),
        code(FASTAPI, """
            import sqlite3
            @app.get("/count")
            def count():
                conn = sqlite3.connect("app.db")
                return {"n": conn.execute("SELECT count(*) FROM item").fetchone()[0]}
            """),
    ),
    "missing-await": (
        code(FASTAPI, """
            async def fetch_price(sku):
                return 3
            @app.get("/price/{sku}")
            async def price(sku: str):
                value = fetch_price(sku)
                return {"price": value}
            """),
        code(FASTAPI, """
            import asyncio
            async def fetch_price(sku):
                return 3
            @app.get("/price/{sku}")
            async def price(sku: str):
                value = await fetch_price(sku)
                both = await asyncio.gather(fetch_price("a"), fetch_price("b"))
                return {"price": value, "both": both}
            """),
    ),
    "pydantic-v1-instance-methods": (
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
            @app.post("/items")
            def create(item: Item):
                return item.dict()
            """),
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
            @app.post("/items")
            def create(item: Item):
                return item.model_dump()
            """),
    ),
    "pydantic-v1-class-methods": (
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
            def load(data):
                return Item.parse_obj(data)
            """),
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
            def load(data):
                return Item.model_validate(data)
            """),
    ),
    "pydantic-v1-config": (
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
                class Config:
                    orm_mode = True
            """),
        code(FASTAPI, """
            from pydantic import ConfigDict
            class Item(BaseModel):
                model_config = ConfigDict(from_attributes=True)
                name: str
            """),
    ),
    "pydantic-v1-validator": (
        code(FASTAPI, """
            from pydantic import validator
            class Item(BaseModel):
                name: str
                @validator("name")
                def strip(cls, value):
                    return value.strip()
            """),
        code(FASTAPI, """
            from pydantic import field_validator
            class Item(BaseModel):
                name: str
                @field_validator("name")
                @classmethod
                def strip(cls, value):
                    return value.strip()
            """),
    ),
    "error-returned-not-raised": (
        code(FASTAPI, """
            @app.get("/items/{item_id}")
            def read(item_id: int):
                if item_id != 1:
                    return HTTPException(status_code=404, detail="Not found")
                return {"id": 1}
            """),
        code(FASTAPI, """
            def not_found():
                return HTTPException(status_code=404, detail="Not found")
            @app.get("/items/{item_id}")
            def read(item_id: int):
                if item_id != 1:
                    raise not_found()
                return {"id": 1}
            """),
    ),
    "http-exception-in-validator": (
        code(FASTAPI, """
            from pydantic import field_validator
            class SignUp(BaseModel):
                name: str
                @field_validator("name")
                @classmethod
                def check(cls, value):
                    if not value.isalnum():
                        raise HTTPException(status_code=422, detail="letters only")
                    return value
            """),
        code(FASTAPI, """
            from pydantic import field_validator
            class SignUp(BaseModel):
                name: str
                @field_validator("name")
                @classmethod
                def check(cls, value):
                    if not value.isalnum():
                        raise ValueError("letters only")
                    return value
            """),
    ),
    "response-not-returned": (
        code(FLASK, """
            @app.post("/login")
            def login():
                session["user"] = request.form["user"]
                redirect("/")
                return "ok"
            """),
        code(FLASK, """
            @app.post("/login")
            def login():
                session["user"] = request.form["user"]
                return redirect("/")
            app.secret_key = "dev"
            """),
    ),
    "response-model-mismatch": (
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
            @app.get("/items", response_model=list[Item])
            def items():
                return {"items": [Item(name="a")]}
            """),
        code(FASTAPI, """
            class Item(BaseModel):
                name: str
            @app.get("/items", response_model=list[Item])
            def items():
                return [Item(name="a")]
            """),
    ),
    "print-instead-of-logging": (
        code(FLASK, """
            import logging
            @app.errorhandler(500)
            def failed(error):
                print("failed:", error)
                return {"error": "internal"}, 500
            """),
        code(FLASK, """
            import logging
            @app.errorhandler(500)
            def failed(error):
                app.logger.exception("failed")
                return {"error": "internal"}, 500
            """),
    ),
    "error-logged-without-traceback": (
        code(FLASK, """
            @app.errorhandler(Exception)
            def unexpected(error):
                app.logger.error("Unhandled error: %s", error)
                return {"error": "internal"}, 500
            """),
        code(FLASK, """
            @app.errorhandler(Exception)
            def unexpected(error):
                app.logger.error("Unhandled error", exc_info=error)
                return {"error": "internal"}, 500
            @app.errorhandler(404)
            def missing(error):
                app.logger.error("Not found: %s", error)
                return {"error": "not found"}, 404
            """),
    ),
    "django-csrf-exempt": (
        code(DJANGO, """
            from django.views.decorators.csrf import csrf_exempt
            @csrf_exempt
            def contact(request):
                return HttpResponse("ok")
            urlpatterns = [path("contact/", contact)]
            """),
        code(DJANGO, """
            from django.views.decorators.http import require_POST
            @require_POST
            def contact(request):
                return HttpResponse("ok")
            urlpatterns = [path("contact/", contact)]
            """),
    ),
    "html-marked-safe": (
        code(FLASK, """
            PAGE = "<ul>{% for e in entries %}<li>{{ e|safe }}</li>{% endfor %}</ul>"
            @app.get("/")
            def home():
                return render_template_string(PAGE, entries=["<b>x</b>"])
            """),
        code(FLASK, """
            PAGE = "<ul>{% for e in entries %}<li>{{ e }}</li>{% endfor %}</ul>"
            @app.get("/")
            def home():
                return render_template_string(PAGE, entries=["<b>x</b>"])
            """),
    ),
    "flask-decorator-without-wraps": (
        code(FLASK, """
            def login_required(view):
                def wrapper(*args, **kwargs):
                    if "user" not in session:
                        return redirect("/login")
                    return view(*args, **kwargs)
                return wrapper
            @app.get("/account")
            @login_required
            def account():
                return "yours"
            app.secret_key = "dev"
            """),
        code(FLASK, """
            import functools
            def login_required(view):
                @functools.wraps(view)
                def wrapper(*args, **kwargs):
                    if "user" not in session:
                        return redirect("/login")
                    return view(*args, **kwargs)
                return wrapper
            @app.get("/account")
            @login_required
            def account():
                return "yours"
            app.secret_key = "dev"
            """),
    ),
    "route-decorator-not-outermost": (
        code(FLASK, """
            import functools
            def login_required(view):
                @functools.wraps(view)
                def wrapper(*args, **kwargs):
                    return view(*args, **kwargs)
                return wrapper
            @login_required
            @app.get("/account")
            def account():
                return "yours"
            """),
        code(FLASK, """
            import functools
            def login_required(view):
                @functools.wraps(view)
                def wrapper(*args, **kwargs):
                    return view(*args, **kwargs)
                return wrapper
            @app.get("/account")
            @login_required
            def account():
                return "yours"
            """),
    ),
    "path-param-converted-by-hand": (
        code(DJANGO, """
            def book(request, pk):
                return JsonResponse({"id": int(pk)})
            urlpatterns = [path("books/<str:pk>/", book)]
            """),
        code(DJANGO, """
            def book(request, pk):
                return JsonResponse({"id": int(pk)})
            urlpatterns = [path("books/<int:pk>/", book)]
            """),
    ),
    "depends-called": (
        code(FASTAPI, """
            def get_db():
                yield {}
            @app.get("/items")
            def items(db=Depends(get_db())):
                return []
            """),
        code(FASTAPI, """
            def get_db():
                yield {}
            @app.get("/items")
            def items(db=Depends(get_db)):
                return []
            """),
    ),
    "dependency-cleanup-not-in-finally": (
        code(FASTAPI, """
            import sqlite3
            def get_db():
                conn = sqlite3.connect(":memory:")
                yield conn
                conn.close()
            """),
        code(FASTAPI, """
            import sqlite3
            def get_db():
                conn = sqlite3.connect(":memory:")
                try:
                    yield conn
                finally:
                    conn.close()
            """),
    ),
    "flask-session-without-secret-key": (
        code(FLASK, """
            @app.post("/login")
            def login():
                session["user"] = request.form["user"]
                return redirect("/")
            """),
        code(FLASK, """
            import os
            app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev")
            @app.post("/login")
            def login():
                session["user"] = request.form["user"]
                return redirect("/")
            """),
    ),
    "django-json-in-httpresponse": (
        code(DJANGO, """
            import json
            def books(request):
                return HttpResponse(json.dumps({"books": []}))
            urlpatterns = [path("books/", books)]
            """),
        code(DJANGO, """
            import json
            def books(request):
                return HttpResponse(json.dumps({"books": []}), content_type="application/json")
            urlpatterns = [path("books/", books)]
            """),
    ),
}

# Extra snippets that must stay quiet: correct code that looks like a mistake at first sight.
QUIET = {
    "a sync helper returning None that is not a view": code(FLASK, """
        def find(items, name):
            for item in items:
                if item == name:
                    return item
        @app.get("/")
        def home():
            return find(["a"], "a") or "none"
        """),
    "a view ending in a helper that always aborts": code(FLASK, """
        def missing():
            abort(404)
        @app.get("/items/<int:item_id>")
        def item(item_id):
            if item_id == 1:
                return {"id": 1}
            missing()
        """),
    "a view whose try/except both return": code(FLASK, """
        @app.get("/n")
        def n():
            try:
                return {"n": int(request.args["n"])}
            except (KeyError, ValueError):
                return {"error": "n"}, 400
        """),
    "FastAPI endpoint with a list default": code(FASTAPI, """
        from fastapi import Query
        @app.get("/items")
        def items(tags: list[str] = Query(default=[])):
            return {"tags": tags}
        """),
    "SQL with placeholders": code(FASTAPI, """
        import sqlite3
        def search(conn: sqlite3.Connection, q: str):
            return conn.execute("SELECT name FROM item WHERE name LIKE ?", (f"%{q}%",)).fetchall()
        """),
    "a fixed Django lookup": code(DJANGO, """
        from django.contrib.auth.models import Permission
        def grant(request):
            perm = Permission.objects.get(codename="view_report")
            return HttpResponse(perm.codename)
        urlpatterns = [path("grant/", grant)]
        """),
    "a coroutine handed to asyncio.run": code(FASTAPI, """
        import asyncio
        async def main():
            await asyncio.sleep(0)
        def run():
            asyncio.run(main())
            asyncio.create_task(main())
        """),
    "a Django helper taking request is not a view": code(DJANGO, """
        def client_info(request):
            return {"ip": request.META.get("REMOTE_ADDR", "")}
        def info(request):
            return JsonResponse(client_info(request))
        urlpatterns = [path("info/", info)]
        """),
    "a development server started under the main guard": code(FLASK, """
        @app.get("/")
        def home():
            return "hi"
        if __name__ == "__main__":
            app.run(debug=True)
        """),
    "a len() + 1 that is not an id": code(FLASK, """
        @app.get("/next")
        def next_page():
            pages = ["a", "b"]
            return {"next_page": len(pages) + 1}
        """),
    "a traceback written into the log message": code(FLASK, """
        import traceback
        @app.errorhandler(Exception)
        def unexpected(error):
            app.logger.error("Unhandled: %s", traceback.format_exc())
            return {"error": "internal"}, 500
        """),
    "code that does not parse": "def broken(:\n",
    "a sync httpx client made in the lifespan, used by plain def endpoints": code(FASTAPI, """
        import httpx
        from contextlib import asynccontextmanager
        from fastapi import Request
        @asynccontextmanager
        async def lifespan(app):
            with httpx.Client(timeout=3) as client:
                app.state.client = client
                yield
        def get_client(request: Request) -> httpx.Client:
            return request.app.state.client
        @app.get("/weather")
        def weather(client: httpx.Client = Depends(get_client)):
            return client.get("https://example.com/weather").json()
        """),
}

# More forms of a rule's mistake than its one positive snippet in CASES: rule -> {name: snippet}.
MORE_POSITIVE = {
    "blocking-http-in-async": {
        "httpx.get() inside async def": code(FASTAPI, """
            import httpx
            @app.get("/weather")
            async def weather():
                return httpx.get("https://example.com/weather").json()
            """),
        "a sync httpx.Client opened inside async def": code(FASTAPI, """
            from httpx import Client
            @app.get("/weather")
            async def weather():
                with Client() as client:
                    response = client.get("https://example.com/weather")
                return response.json()
            """),
        "a module-level httpx.Client used in async def": code(FASTAPI, """
            import httpx
            client = httpx.Client(base_url="https://example.com", timeout=3)
            @app.get("/weather")
            async def weather():
                return client.get("/weather").json()
            """),
        "an httpx.Client bound with an annotation inside async def": code(FASTAPI, """
            import httpx
            @app.get("/weather")
            async def weather():
                client: httpx.Client = httpx.Client()
                try:
                    return client.get("https://example.com/weather").json()
                finally:
                    client.close()
            """),
        "an httpx.Client dependency used in async def": code(FASTAPI, """
            from typing import Annotated
            import httpx
            def get_client():
                with httpx.Client() as client:
                    yield client
            Weather = Annotated[httpx.Client, Depends(get_client)]
            @app.get("/weather")
            async def weather(client: Weather):
                return client.post("https://example.com/weather", json={}).json()
            """),
    },
}

# wrong/ solutions of the course (paths from the repository root) and the rule each must get.
WRONG_FIXTURES = {
    "lessons/django/01-project-and-apps/exercise/wrong/http404_returned.py": "error-returned-not-raised",
    "lessons/django/01-project-and-apps/exercise/wrong/objects_get_crashes.py": "django-get-without-does-not-exist",
    "lessons/django/02-urls-and-views/exercise/wrong/str_converter.py": "path-param-converted-by-hand",
    "lessons/django/05-templates/exercise/wrong/safe_filter.py": "html-marked-safe",
    "lessons/django/06-forms/exercise/wrong/csrf_exempt.py": "django-csrf-exempt",
    "lessons/django/11-security-deployment/exercise/wrong/escaped_by_hand_everything.py": "sql-built-from-strings",
    "lessons/django/11-security-deployment/exercise/wrong/hand_escaped_quotes.py": "sql-built-from-strings",
    "lessons/django/11-security-deployment/exercise/wrong/raw_with_fstring.py": "sql-built-from-strings",
    "lessons/django/11-security-deployment/exercise/wrong/sql_built_by_lambda_helper.py": "sql-built-from-strings",
    "lessons/django/11-security-deployment/exercise/wrong/sql_built_with_replace.py": "sql-built-from-strings",
    "lessons/fastapi/01-first-api/exercise/wrong/returns_the_exception.py": "error-returned-not-raised",
    "lessons/fastapi/01-first-api/exercise/wrong/untyped_id.py": "path-param-converted-by-hand",
    "lessons/fastapi/03-validation-errors/exercise/wrong/http_exception_in_validator.py": "http-exception-in-validator",
    "lessons/fastapi/04-response-models/exercise/wrong/len_plus_one.py": "len-plus-one-id",
    "lessons/fastapi/08-databases/exercise/wrong/close_without_finally.py": "dependency-cleanup-not-in-finally",
    "lessons/fastapi/17-calling-other-services/exercise/wrong/blocking_client_in_async_route.py": "blocking-http-in-async",
    "lessons/fastapi/17-calling-other-services/exercise/wrong/requests_in_async_route.py": "blocking-http-in-async",
    "lessons/flask/02-routing-and-requests/exercise/wrong/int_without_type.py": "flask-query-int-by-hand",
    "lessons/flask/09-error-handling/exercise/wrong/logged_without_traceback.py": "error-logged-without-traceback",
    "lessons/flask/04-templates/exercise/wrong/keeps_safe.py": "html-marked-safe",
    "lessons/flask/04-templates/exercise/wrong/markup_in_view.py": "html-marked-safe",
    "lessons/flask/05-blueprints-app-factory/exercise/wrong/mutable_default_settings.py": "mutable-default-argument",
    "lessons/flask/06-database/exercise/wrong/fstring_insert.py": "sql-built-from-strings",
    "lessons/flask/06-database/exercise/wrong/quotes_escaped_by_hand.py": "sql-built-from-strings",
    "lessons/flask/07-sessions-auth/exercise/wrong/decorators_swapped.py": "route-decorator-not-outermost",
    "lessons/flask/07-sessions-auth/exercise/wrong/no_wraps.py": "flask-decorator-without-wraps",
    "lessons/flask/07-sessions-auth/exercise/wrong/wraps_not_applied.py": "flask-decorator-without-wraps",
}


def correct_solutions():
    """Every reference solution and alternative of an exercise whose code is an app (not a file of tests)."""
    found = []
    for pattern in ("lessons/*/*/exercise/solution.py", "lessons/*/*/exercise/alternatives/*.py"):
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if os.path.isdir(os.path.join(os.path.dirname(path.split("/alternatives/")[0]), "apps")) or os.path.isdir(
                os.path.join(os.path.dirname(path), "apps")
            ):
                continue  # a testing exercise: the learner writes tests, which run_checks never sees
            found.append(path)
    return found


def rules_hit(source):
    return sorted({hint["rule"] for hint in crossroads_hints.hints_for(source, limit=100)})


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def report():
    """Everything the tests look at, as one JSON-able dict (for tests/unit/crossroads-hints.test.ts)."""
    return {
        "rules": crossroads_hints.rule_names(),
        "cases": {name: {"positive": rules_hit(pos), "negative": rules_hit(neg)} for name, (pos, neg) in CASES.items()},
        "quiet": {name: rules_hit(source) for name, source in QUIET.items()},
        "more": {name: {"rule": rule, "hit": rules_hit(source)} for rule, cases in MORE_POSITIVE.items() for name, source in cases.items()},
        "solutions": {os.path.relpath(path, ROOT): rules_hit(read(path)) for path in correct_solutions()},
        "wrong": {path: rules_hit(read(os.path.join(ROOT, path))) for path in WRONG_FIXTURES},
        "expected_wrong": WRONG_FIXTURES,
        "shape": crossroads_hints.hints_for(CASES["flask-status-tuple-order"][0]),
    }


class HintRules(unittest.TestCase):
    def test_every_rule_has_cases(self):
        self.assertEqual(sorted(CASES), sorted(crossroads_hints.rule_names()))
        self.assertGreaterEqual(len(CASES), 25)

    def test_positive_snippets(self):
        for name, (positive, _) in CASES.items():
            with self.subTest(rule=name):
                self.assertIn(name, rules_hit(positive))

    def test_negative_snippets(self):
        for name, (_, negative) in CASES.items():
            with self.subTest(rule=name):
                self.assertEqual(rules_hit(negative), [])

    def test_more_positive_snippets(self):
        for rule, cases in MORE_POSITIVE.items():
            for name, source in cases.items():
                with self.subTest(case=name):
                    self.assertIn(rule, rules_hit(source))

    def test_quiet_snippets(self):
        for name, source in QUIET.items():
            with self.subTest(case=name):
                self.assertEqual(rules_hit(source), [])

    def test_course_solutions_get_no_hint(self):
        solutions = correct_solutions()
        self.assertGreater(len(solutions), 50)
        for path in solutions:
            with self.subTest(path=os.path.relpath(path, ROOT)):
                self.assertEqual(rules_hit(read(path)), [])

    def test_wrong_solutions_get_their_hint(self):
        for path, name in WRONG_FIXTURES.items():
            with self.subTest(path=path):
                self.assertIn(name, rules_hit(read(os.path.join(ROOT, path))))

    def test_hint_shape(self):
        hints = crossroads_hints.hints_for(CASES["flask-status-tuple-order"][0])
        self.assertEqual(len(hints), 1)
        hint = hints[0]
        self.assertEqual(sorted(hint), ["line", "message", "rule"])
        self.assertEqual(hint["line"], 6)
        self.assertIn("return body, 201", hint["message"])
        self.assertLessEqual(len(hint["message"]), crossroads_hints.MAX_MESSAGE)


if __name__ == "__main__":
    if sys.argv[1:] == ["--json"]:
        print(json.dumps(report()))
    else:
        unittest.main()
