from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title


def create(client, text):
    response = client.post("/notes", json={"text": text})
    expect_status(response, 201)
    note = expect_json(response)
    expect(
        isinstance(note.get("id"), int) and note == {"id": note["id"], "text": text},
        "POST /notes answers with the new note's id (an integer) and text",
        expected={"id": "an integer", "text": text},
        response=response,
    )
    return note


def check_create_and_read(client):
    """POST /notes creates a note that GET /notes/{note_id} returns"""
    note = create(client, fresh_title())
    response = client.get(f"/notes/{note['id']}")
    expect_status(response, 200)
    expect_json(response, note)


def check_notes_kept_apart(client):
    """Each note gets its own id and keeps its own text"""
    notes = [create(client, fresh_title(3)) for _ in range(3)]
    expect(len({note["id"] for note in notes}) == 3, "Three notes get three different ids", expected="three ids", actual=notes)
    for note in reversed(notes):
        response = client.get(f"/notes/{note['id']}")
        expect_status(response, 200)
        expect_json(response, note)


def check_unknown_note(client):
    """An unknown note id is a 404 with detail 'Note not found'"""
    note = create(client, fresh_title())
    response = client.get(f"/notes/{note['id'] + fresh_int(100_000, 900_000)}")
    expect_status(response, 404)
    expect_json(response, {"detail": "Note not found"})


def check_text_required(client):
    """A note without text is rejected with 422"""
    expect_status(client.post("/notes", json={}), 422)


def drive_get_db(client, endpoint_fails):
    report = client.probe("get_db", endpoint_fails=endpoint_fails)
    expect(report.get("defined"), "Define get_db() in main.py", expected="def get_db(): ...")
    expect(
        report.get("is_generator"),
        "get_db must be a yield dependency: `yield conn` instead of `return conn`, so code after the yield can close it",
        expected="a generator function (def get_db(): ... yield conn ...)",
        actual="get_db is a plain function",
    )
    expect(
        report.get("is_connection") and report.get("open_while_used"),
        "get_db must yield an open sqlite3 connection from connect()",
        expected="an open sqlite3.Connection",
        actual=f"it yielded a {report.get('yielded')}" + ("" if report.get("open_while_used") else " that was already closed"),
    )
    return report


def check_get_db_closes(client):
    """get_db yields an open connection and closes it when the request is done"""
    report = drive_get_db(client, endpoint_fails=False)
    expect(
        report.get("closed_after"),
        "After the request, the connection must be closed: call conn.close() after the yield",
        expected="the connection closed after the endpoint returns",
        actual="the connection was still open",
    )


def check_get_db_closes_on_error(client):
    """get_db closes the connection even when the endpoint raises"""
    report = drive_get_db(client, endpoint_fails=True)
    expect(
        report.get("closed_after"),
        "When the endpoint raises, the connection stayed open: put the yield inside try/finally "
        "(a `with connect() as conn:` block commits or rolls back but does not close)",
        expected="the connection closed after the endpoint raises",
        actual="the connection was still open",
    )


def check_endpoints_use_get_db(client):
    """Both endpoints take their connection from Depends(get_db)"""
    note_id, text, new_text = fresh_int(100_000, 999_999), fresh_title(), fresh_title(3)
    report = client.probe("with_other_database", note_id=note_id, text=text, new_text=new_text)
    expect(report.get("defined"), "Define get_db() in main.py", expected="def get_db(): ...")
    expected_read = {"status": 200, "body": {"id": note_id, "text": text}}
    expect(
        report["read"] == expected_read,
        f"With get_db overridden by another database that holds note {note_id}, GET /notes/{note_id} must read "
        "from it: take the connection from Depends(get_db) instead of calling connect()",
        expected=expected_read,
        actual=report["read"],
    )
    expect(
        report["created"]["status"] == 201 and report["written_to_override"] == 1,
        "With get_db overridden by another database, POST /notes must write the note there: take the "
        "connection from Depends(get_db) instead of calling connect()",
        expected={"status": 201, "rows written to the overriding database": 1},
        actual={**report["created"], "rows written to the overriding database": report["written_to_override"]},
    )
