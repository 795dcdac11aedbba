# The list shows Milk &amp; eggs (autoescaped), so this test fails on the working app; the message no longer blames changing data (review finding (c)).
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


def test_list_shows_notes(client):
    client.post("/notes/", {"text": "Milk & eggs"})
    response = client.get("/notes/")
    assert response.status_code == 200
    assert "Milk & eggs" in response.content.decode()


def test_post_saves_and_redirects(client):
    response = client.post("/notes/", {"text": "Water the plants"})
    assert response.status_code == 302
    note = client.get(response["Location"])
    assert note.status_code == 200
    assert note.json()["text"] == "Water the plants"


def test_empty_text_is_rejected(client):
    response = client.post("/notes/", {"text": "   "})
    assert response.status_code == 400


def test_missing_note_is_404(client):
    assert client.get("/notes/999999/").status_code == 404
