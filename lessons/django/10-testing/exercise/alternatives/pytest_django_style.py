# Written the pytest-django way: @pytest.mark.django_db (accepted, changes nothing here), a fixture
# that posts a note, and @pytest.mark.parametrize over the texts that must be refused.
import pytest


@pytest.fixture
def posted(client, db):
    return client.post("/notes/", {"text": "Buy milk"})


@pytest.mark.django_db
def test_list_shows_notes(client, posted):
    page = client.get("/notes/")
    assert page.status_code == 200
    assert "Buy milk" in page.content.decode()


@pytest.mark.django_db
def test_post_saves_and_redirects(client, posted):
    assert posted.status_code == 302
    note = client.get(posted["Location"])
    assert note.status_code == 200
    assert note.json()["text"] == "Buy milk"


@pytest.mark.parametrize("text", ["", "   "], ids=["empty", "spaces"])
def test_empty_text_is_rejected(client, text):
    assert client.post("/notes/", {"text": text}).status_code == 400


def test_missing_note_is_404(client):
    assert client.get("/notes/999999/").status_code == 404
