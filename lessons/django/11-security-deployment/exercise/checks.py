import main  # your file configures Django

from django.test import Client

from main import Book

for title, published in [("Dune", True), ("Dune Messiah", True), ("Ender's Game", True),
                         ("Emma", True), ("Secret Sequel Draft", False), ("Unreleased Memoir", False)]:
    Book.objects.create(title=title, published=published)

client = Client()


def search(q):
    try:
        response = client.get("/search/", {"q": q})
    except Exception as exc:
        raise AssertionError(f"Searching for {q!r} crashed the view with {type(exc).__name__}: {exc}") from None
    assert response.status_code == 200, f"Expected status 200 when searching for {q!r}, got {response.status_code}"
    return response.json().get("results")


def check_normal_search():
    """?q=dune returns the published Dune titles in order"""
    results = search("dune")
    assert results == ["Dune", "Dune Messiah"], f"Expected ['Dune', 'Dune Messiah'], got {results!r}"


def check_or_injection():
    """' OR 1=1 -- does not reveal unpublished books"""
    results = search("' OR 1=1 --")
    assert results == [], f"Expected no results for the text \"' OR 1=1 --\", got {results!r}: the input changed the SQL"


def check_union_injection():
    """A UNION SELECT in q does not reveal unpublished books"""
    results = search("x' UNION SELECT title FROM exercise_book --")
    assert results == [], f"Expected no results, got {results!r}: the input was run as SQL"


def check_quote_in_title():
    """Searching ender's finds Ender's Game"""
    results = search("ender's")
    assert results == ["Ender's Game"], f"Expected [\"Ender's Game\"], got {results!r}"
