# Reads the new note's id from the redirect, compares the whole JSON, and checks an empty text is not listed.
# Tests for a small notes app. The app is not in this file: your tests talk to it over HTTP.
#
#   GET  /notes/            an HTML list of every note's text ("No notes yet." when there are none)
#   POST /notes/ text=...   saves a note and redirects (302) to the new note's page, /notes/<id>/;
#                           an empty text answers 400 and saves nothing
#   GET  /notes/<id>/       the note as JSON, {"id": <id>, "text": "..."}, or 404 if there is none
#
# Each test receives `client`, which works like Django's test client (pytest-django's `client`
# fixture): client.get(url), client.post(url, {"field": "value"}), follow=True, and responses with
# .status_code, .content, .json() and response["Location"]. The tests share one running app, in the
# order they are written; it already holds a few notes and note ids do not start at 1 (both change
# from run to run).

import re


def create(client, text):
    response = client.post("/notes/", {"text": text})
    assert response.status_code == 302, response.content
    match = re.fullmatch(r"/notes/(\d+)/", response["Location"])
    assert match, response["Location"]
    return int(match.group(1))


def test_create_and_fetch(client):
    pk = create(client, "Feed the cat")
    assert client.get(f"/notes/{pk}/").json() == {"id": pk, "text": "Feed the cat"}


def test_listed(client):
    create(client, "Book the dentist")
    assert "Book the dentist" in client.get("/notes/").content.decode()


def test_blank_text(client):
    assert client.post("/notes/", {"text": ""}).status_code == 400
    assert "<li></li>" not in client.get("/notes/").content.decode()


def test_deleted_or_unknown_note(client):
    pk = create(client, "Pay rent")
    assert client.get(f"/notes/{pk + 500}/").status_code == 404
