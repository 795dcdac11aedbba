"""Probes for the databases exercise: run beside the learner's app, asked by checks.py over HTTP.

HTTP cannot show whether a connection was closed, or where an endpoint got it from. These probes call
the learner's get_db() the way FastAPI does, and swap it with app.dependency_overrides.
"""

import asyncio
import inspect
import sqlite3
import threading
import uuid
import warnings

import main


def is_closed(conn):
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


def in_new_loop(make_coroutine):
    """Runs a coroutine to the end in a fresh event loop on another thread (the app's loop is busy here)."""
    outcome = {}

    def run():
        try:
            outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as exc:  # noqa: BLE001 - reported to the check
            outcome["error"] = f"{type(exc).__name__}: {exc}"

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    if "error" in outcome:
        raise RuntimeError(outcome["error"])
    return outcome.get("value")


def describe(conn, open_while_used, closed_after):
    return {
        "is_generator": True,
        "yielded": type(conn).__name__,
        "is_connection": isinstance(conn, sqlite3.Connection),
        "open_while_used": open_while_used,
        "closed_after": closed_after,
    }


def probe_get_db(endpoint_fails):
    """Takes the connection get_db() yields, then ends the request normally or with an error in the endpoint."""
    get_db = getattr(main, "get_db", None)
    if not callable(get_db):
        return {"defined": False}
    error = RuntimeError("the endpoint failed")
    if inspect.isgeneratorfunction(get_db):
        generator = get_db()
        conn = next(generator)
        open_while_used = isinstance(conn, sqlite3.Connection) and not is_closed(conn)
        try:
            if endpoint_fails:
                generator.throw(error)
            else:
                next(generator)
        except StopIteration:
            pass
        except RuntimeError as raised:
            if raised is not error:
                raise
        finally:
            generator.close()
        return {"defined": True, **describe(conn, open_while_used, isinstance(conn, sqlite3.Connection) and is_closed(conn))}
    if inspect.isasyncgenfunction(get_db):

        async def drive():
            generator = get_db()
            conn = await generator.__anext__()
            open_while_used = isinstance(conn, sqlite3.Connection) and not is_closed(conn)
            try:
                if endpoint_fails:
                    await generator.athrow(error)
                else:
                    await generator.__anext__()
            except StopAsyncIteration:
                pass
            except RuntimeError as raised:
                if raised is not error:
                    raise
            finally:
                await generator.aclose()
            return describe(conn, open_while_used, isinstance(conn, sqlite3.Connection) and is_closed(conn))

        return {"defined": True, **in_new_loop(drive)}
    return {"defined": True, "is_generator": False}


def probe_with_other_database(note_id, text, new_text):
    """Overrides get_db with a separate database holding one note, then reads that note and creates another."""
    get_db = getattr(main, "get_db", None)
    if not callable(get_db):
        return {"defined": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    uri = f"file:probe_{uuid.uuid4().hex}?mode=memory&cache=shared"
    keeper = sqlite3.connect(uri, uri=True, check_same_thread=False)
    keeper.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    keeper.execute("INSERT INTO notes (id, text) VALUES (?, ?)", (note_id, text))
    keeper.commit()

    def other_database():
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row  # rows read by index, by name or as dict(row) all work
        try:
            yield conn
        finally:
            conn.close()

    app = main.app
    saved = dict(app.dependency_overrides)
    app.dependency_overrides[get_db] = other_database
    try:
        client = TestClient(app, raise_server_exceptions=False)
        read = client.get(f"/notes/{note_id}")
        created = client.post("/notes", json={"text": new_text})
    finally:
        app.dependency_overrides.clear()
        app.dependency_overrides.update(saved)
    written = keeper.execute("SELECT COUNT(*) FROM notes WHERE text = ?", (new_text,)).fetchone()[0]
    keeper.close()

    def answer(response):
        try:
            return {"status": response.status_code, "body": response.json()}
        except ValueError:
            return {"status": response.status_code, "body": response.text[:300]}

    return {"defined": True, "read": answer(read), "created": answer(created), "written_to_override": written}
