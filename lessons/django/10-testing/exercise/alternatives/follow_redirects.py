# Fewer, broader tests: the POST follows its redirect, and the missing id is one past the note just made.
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


def test_post_then_list(client):
    response = client.post("/notes/", {"text": "Plan the trip"}, follow=True)
    assert len(response.redirect_chain) == 1 and response.redirect_chain[0][1] == 302
    note = response.json()
    assert note["text"] == "Plan the trip"
    assert "<li>Plan the trip</li>" in client.get("/notes/").content.decode()
    assert client.get(f"/notes/{note['id'] + 1000}/").status_code == 404


def test_whitespace_only_text(client):
    response = client.post("/notes/", {"text": "  \n "})
    assert response.status_code == 400
    assert b"Text is required." in response.content
