import inspect
import sqlite3

from fastapi.testclient import TestClient

import main
from main import app

client = TestClient(app, raise_server_exceptions=False)


def is_closed(conn) -> bool:
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


def check_create_and_read():
    """POST /notes creates a note that GET /notes/{id} returns"""
    response = client.post("/notes", json={"text": "buy tea"})
    assert response.status_code == 201, f"Expected 201 from POST /notes, got {response.status_code}: {response.text}"
    body = response.json()
    assert body.get("text") == "buy tea" and isinstance(body.get("id"), int), (
        f"Expected {{'id': <int>, 'text': 'buy tea'}}, got {body!r}"
    )
    read = client.get(f"/notes/{body['id']}")
    assert read.status_code == 200 and read.json() == body, (
        f"GET /notes/{body['id']} should return {body!r}, got {read.status_code} {read.text}"
    )


def check_unknown_note():
    """An unknown note id is a 404"""
    response = client.get("/notes/99999")
    assert response.status_code == 404, f"Expected 404, got {response.status_code}"
    assert response.json() == {"detail": "Note not found"}, f"Got {response.json()!r}"


def check_get_db_closes():
    """get_db yields a connection and closes it when the request is done"""
    assert inspect.isgeneratorfunction(main.get_db), (
        "get_db should be a generator function: use `yield conn` instead of `return`"
    )
    gen = main.get_db()
    conn = next(gen)
    assert isinstance(conn, sqlite3.Connection), f"get_db should yield a sqlite3 connection, got {conn!r}"
    assert not is_closed(conn), "The connection was already closed before the endpoint could use it"
    try:
        next(gen)
    except StopIteration:
        pass
    assert is_closed(conn), "After the request, the connection should be closed (call conn.close() after yield)"


def check_get_db_closes_on_error():
    """get_db closes the connection even when the endpoint raises"""
    assert inspect.isgeneratorfunction(main.get_db), (
        "get_db should be a generator function: use `yield conn` instead of `return`"
    )
    gen = main.get_db()
    conn = next(gen)
    try:
        gen.throw(RuntimeError("the endpoint failed"))
    except RuntimeError:
        pass
    except StopIteration:
        pass
    assert is_closed(conn), (
        "When the endpoint raises, the connection stayed open: put `yield` inside try/finally"
    )


def check_endpoints_use_dependency():
    """Both endpoints get their connection from get_db"""
    other = sqlite3.connect("file:notes_override?mode=memory&cache=shared", uri=True, check_same_thread=False)
    other.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    other.execute("INSERT INTO notes (id, text) VALUES (4242, 'from the override')")
    other.commit()

    def fake_db():
        yield other

    app.dependency_overrides[main.get_db] = fake_db
    try:
        read = client.get("/notes/4242")
        created = client.post("/notes", json={"text": "override write"})
    finally:
        app.dependency_overrides.clear()
    assert read.status_code == 200 and read.json() == {"id": 4242, "text": "from the override"}, (
        "With get_db overridden, GET /notes/4242 should read from the override's database, "
        f"got {read.status_code} {read.text}. Take the connection from Depends(get_db)."
    )
    count = other.execute("SELECT COUNT(*) FROM notes WHERE text = 'override write'").fetchone()[0]
    assert created.status_code == 201 and count == 1, (
        "With get_db overridden, POST /notes should write to the override's database. "
        "Take the connection from Depends(get_db)."
    )
