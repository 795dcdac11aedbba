// @vitest-environment node
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeWarmPool, defaultLimits, runInSandbox, type SandboxLimits } from "@/lib/runner/sandbox";
import type { RunResult } from "@/lib/runner/types";

// The packages scripts/setup-python.sh adds beyond the frameworks (docs/decisions/0023-python-packages-beyond-the-frameworks.md),
// used by a tiny app inside the real sandbox, so a broken or missing install fails here rather than in a
// learner's run. Each app also reports the installed versions, compared with the pins.
const limits: SandboxLimits = { ...defaultLimits(), wallSeconds: 20 };
const root = process.cwd();

afterAll(() => closeWarmPool());

/** name -> version from requirements.txt's `name==version` lines. */
function pipPins(): Record<string, string> {
  const text = fs.readFileSync(path.join(root, "scripts/python/requirements.txt"), "utf8");
  return Object.fromEntries([...text.matchAll(/^([A-Za-z0-9_.-]+)==(\S+)/gm)].map((m) => [m[1].toLowerCase(), m[2]]));
}

/** Debian package -> upstream version (3.14.0-2+deb12u1 -> 3.14.0) from debian-packages.txt. */
function debianPins(): Record<string, string> {
  const text = fs.readFileSync(path.join(root, "scripts/python/debian-packages.txt"), "utf8");
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .map((line) => line.trim().split(/\s+/))
      .map(([name, version]) => [name, version.replace(/^\d+:/, "").replace(/-[^-]+$/, "")]),
  );
}

function supportModules(): Record<string, string> {
  const dir = path.join(root, "lessons", "_support");
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".py"))
      .map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]),
  );
}

function explain(result: RunResult): string {
  return [result.message, result.traceback, result.output, ...result.checks.map((c) => `${c.name}: ${c.status} ${c.message ?? ""}`)]
    .filter(Boolean)
    .join("\n");
}

/** A check that the app's GET /versions reports these distributions at these versions. */
function versionsCheck(expected: Record<string, string>): string {
  return `def check_versions(client):
    """The installed versions are the pinned ones"""
    got = client.get("/versions").json()
    want = ${JSON.stringify(expected)}
    assert got == want, f"installed {got}, pinned {want}"
`;
}

const versionsRoute = (names: string[]) => `
from importlib.metadata import version as _version


def installed_versions():
    return {name: _version(name) for name in ${JSON.stringify(names)}}
`;

describe("the packages beyond the frameworks work in the server sandbox", () => {
  it("FastAPI: PyJWT, argon2-cffi, pydantic-settings and python-multipart (a form login that issues a token)", async () => {
    const pins = pipPins();
    const names = ["pyjwt", "argon2-cffi", "argon2-cffi-bindings", "cffi", "pydantic-settings", "python-dotenv", "python-multipart"];
    const expected = Object.fromEntries(names.map((name) => [name, pins[name]]));
    expect(Object.values(expected).every(Boolean), "every name is pinned in requirements.txt").toBe(true);
    const code = `${versionsRoute(names)}
import jwt
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from fastapi import FastAPI, Form, HTTPException
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: str = "test-only-secret-0123456789abcdef"


settings = Settings()
hasher = PasswordHasher()
stored = hasher.hash("correct horse")
app = FastAPI()


@app.post("/token")
def token(username: str = Form(), password: str = Form()):
    try:
        hasher.verify(stored, password)
    except VerifyMismatchError:
        raise HTTPException(status_code=401, detail="wrong password")
    return {"token": jwt.encode({"sub": username}, settings.secret_key, algorithm="HS256")}


@app.get("/versions")
def versions():
    return installed_versions()
`;
    const checks = `${versionsCheck(expected)}
import jwt


def check_token(client):
    """A form login returns a token signed with the settings' key"""
    response = client.post("/token", data={"username": "ada", "password": "correct horse"})
    assert response.status_code == 200, response.text
    claims = jwt.decode(response.json()["token"], "test-only-secret-0123456789abcdef", algorithms=["HS256"])
    assert claims == {"sub": "ada"}, claims
    assert client.post("/token", data={"username": "ada", "password": "wrong"}).status_code == 401
`;
    const result = await runInSandbox({ code, checks, support: {} }, limits);
    expect(result.status, explain(result)).toBe("pass");
    expect(result.checks.map((c) => c.status)).toEqual(["pass", "pass"]);
  });

  it("FastAPI: SQLAlchemy's asyncio extension over aiosqlite (an async session per request)", async () => {
    const pins = pipPins();
    const names = ["sqlalchemy", "aiosqlite", "greenlet"];
    const expected = Object.fromEntries(names.map((name) => [name, pins[name]]));
    expect(Object.values(expected).every(Boolean), "every name is pinned in requirements.txt").toBe(true);
    const code = `${versionsRoute(names)}
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload

engine = create_async_engine("sqlite+aiosqlite:////tmp/app.db")
Session = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list["Book"]] = relationship(back_populates="author")


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")


@asynccontextmanager
async def lifespan(app):
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


async def get_session():
    async with Session() as session:
        yield session


@app.post("/authors/{name}", status_code=201)
async def add_author(name: str, session: AsyncSession = Depends(get_session)):
    session.add(Author(name=name, books=[Book(title=f"{name}'s first")]))
    await session.commit()
    return {"name": name}


@app.get("/authors")
async def authors(session: AsyncSession = Depends(get_session)):
    rows = await session.scalars(select(Author).options(selectinload(Author.books)).order_by(Author.id))
    return [{"name": a.name, "books": [b.title for b in a.books]} for a in rows]


@app.get("/versions")
def versions():
    return installed_versions()
`;
    const checks = `${versionsCheck(expected)}


def check_async_session(client):
    """Rows written through an async session come back with their books loaded by selectinload"""
    assert client.post("/authors/ada").status_code == 201
    assert client.get("/authors").json() == [{"name": "ada", "books": ["ada's first"]}]
`;
    const result = await runInSandbox({ code, checks, support: {} }, limits);
    expect(result.status, explain(result)).toBe("pass");
    expect(result.checks.map((c) => c.status)).toEqual(["pass", "pass"]);
  });

  it("Flask: Flask-SQLAlchemy with SQLAlchemy 2, Flask-Migrate (alembic), Flask-WTF with WTForms, Flask-Login", async () => {
    const pins = pipPins();
    const debian = debianPins();
    const names = ["flask-sqlalchemy", "sqlalchemy", "alembic", "mako", "flask-wtf", "wtforms", "flask-login"];
    const expected: Record<string, string> = {
      ...Object.fromEntries(names.map((name) => [name, pins[name]])),
      "flask-migrate": debian["python3-flask-migrate"],
    };
    expect(Object.values(expected).every(Boolean), "every name is pinned").toBe(true);
    const code = `${versionsRoute([...names, "flask-migrate"])}
import io
from contextlib import redirect_stdout

import sqlalchemy as sa
from flask import Flask, request
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user
from flask_migrate import Migrate, init, migrate, upgrade
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import StringField
from wtforms.validators import DataRequired, Length

app = Flask(__name__)
app.config.update(SECRET_KEY="test-only", SQLALCHEMY_DATABASE_URI="sqlite:////tmp/app.db", WTF_CSRF_ENABLED=False)
db = SQLAlchemy(app)
Migrate(app, db, directory="/tmp/migrations")
login_manager = LoginManager(app)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(40), unique=True)


class NameForm(FlaskForm):
    name = StringField(validators=[DataRequired(), Length(max=40)])


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


# The tables come from a migration Alembic writes and applies, as "flask db migrate/upgrade" would.
with app.app_context(), redirect_stdout(io.StringIO()):
    init(directory="/tmp/migrations")
    migrate(directory="/tmp/migrations", message="users")
    upgrade(directory="/tmp/migrations")


@app.post("/users")
def create_user():
    form = NameForm()
    if not form.validate_on_submit():
        return {"errors": form.errors}, 400
    user = User(name=form.name.data)
    db.session.add(user)
    db.session.commit()
    login_user(user)
    return {"id": user.id}, 201


@app.get("/me")
@login_required
def me():
    return {"name": current_user.name, "count": db.session.scalar(sa.select(sa.func.count()).select_from(User))}


@app.get("/versions")
def versions():
    return installed_versions()
`;
    const checks = `${versionsCheck(expected)}


def check_accounts(client):
    """A validated form creates a row (table made by a migration) and logs the user in"""
    assert client.get("/me").status_code == 401
    assert client.post("/users", data={"name": ""}).status_code == 400
    response = client.post("/users", data={"name": "grace"})
    assert response.status_code == 201, response.text
    assert client.get("/me").json() == {"name": "grace", "count": 1}
`;
    const result = await runInSandbox({ code, checks, support: {} }, limits);
    expect(result.status, explain(result)).toBe("pass");
    expect(result.checks.map((c) => c.status)).toEqual(["pass", "pass"]);
  });

  it("Django: Django REST framework (with pytz) and WhiteNoise from Debian's archive", async () => {
    const pins = pipPins();
    const debian = debianPins();
    const expected = {
      djangorestframework: debian["python3-djangorestframework"],
      whitenoise: debian["python3-whitenoise"],
      pytz: pins["pytz"],
    };
    expect(Object.values(expected).every(Boolean), "every name is pinned").toBe(true);
    const code = `${versionsRoute(Object.keys(expected))}
import django_setup

django_setup.configure(
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.staticfiles",
        "rest_framework",
        "django_exercise_app.ExerciseConfig",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    STATIC_URL="/static/",
    REST_FRAMEWORK={"DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination", "PAGE_SIZE": 2},
)

from django.db import models
from django.http import JsonResponse
from django.urls import path
from rest_framework import routers, serializers, viewsets


class Book(models.Model):
    title = models.CharField(max_length=80)
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "exercise"


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "title", "added"]


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.order_by("id")
    serializer_class = BookSerializer


router = routers.DefaultRouter()
router.register("books", BookViewSet)
urlpatterns = [path("versions/", lambda request: JsonResponse(installed_versions()))] + router.urls
django_setup.migrate()
`;
    const checks = `${versionsCheck(expected).replace('"/versions"', '"/versions/"')}


def check_api(client):
    """A ModelViewSet behind a router creates, validates and pages"""
    assert client.post("/books/", json={}).status_code == 400
    for title in ["a", "b", "c"]:
        assert client.post("/books/", json={"title": title}).status_code == 201
    page = client.get("/books/").json()
    assert page["count"] == 3 and [book["title"] for book in page["results"]] == ["a", "b"], page
`;
    const result = await runInSandbox({ code, checks, support: supportModules() }, limits);
    expect(result.status, explain(result)).toBe("pass");
    expect(result.checks.map((c) => c.status)).toEqual(["pass", "pass"]);
  });
});
