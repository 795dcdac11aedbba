from urllib.parse import quote

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_word, shuffled

# The books the starter defines: the checks ask for them by id and by prefix.
BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


def titles_for(client, starts_with=None):
    path = "/books" if starts_with is None else f"/books?starts_with={quote(starts_with)}"
    response = client.get(path)
    expect_status(response, 200)
    body = expect_json(response)
    books = body.get("books")
    expect(
        isinstance(books, list) and set(body) == {"books"},
        f"GET {path} answers with a JSON object holding one key, books, a list of titles",
        expected={"books": ["..."]},
        response=response,
    )
    return response, books


def expect_titles(client, starts_with, wanted, why=""):
    response, books = titles_for(client, starts_with)
    shown = "no filter" if starts_with is None else f"starts_with={starts_with!r}"
    expect(
        sorted(map(str, books)) == sorted(wanted) and len(books) == len(wanted),
        f"With {shown} the list must hold exactly the matching titles (in any order){why}",
        expected={"books": wanted},
        response=response,
    )


def check_known_books(client):
    """GET /books/{book_id} returns each known book with its integer id"""
    for book_id in shuffled(BOOKS):
        response = client.get(f"/books/{book_id}")
        expect_status(response, 200)
        expect_json(response, {"id": book_id, "title": BOOKS[book_id]})


def check_unknown_book(client):
    """An unknown id is a 404 with detail 'Book not found'"""
    for book_id in (fresh_int(4, 99_999), 0, -fresh_int(1, 50)):
        response = client.get(f"/books/{book_id}")
        expect_status(response, 404)
        expect_json(response, {"detail": "Book not found"})


def check_non_number(client):
    """An id that is not an integer is rejected by FastAPI's validation with a 422"""
    for bad in (fresh_word(), "2.5"):
        response = client.get(f"/books/{bad}")
        expect_status(response, 422)
        detail = expect_json(response).get("detail")
        located = isinstance(detail, list) and any(
            isinstance(error, dict) and list(error.get("loc", []))[-1:] == ["book_id"] for error in detail
        )
        expect(
            located,
            "The 422 comes from FastAPI's validation of the path parameter (annotate it `book_id: int`)",
            expected={"detail": [{"type": "int_parsing", "loc": ["path", "book_id"], "msg": "..."}]},
            response=response,
        )


def check_list_all(client):
    """GET /books without a filter lists every title"""
    expect_titles(client, None, list(BOOKS.values()))


def check_list_filter(client):
    """GET /books?starts_with=... lists only the titles starting with it"""
    for prefix, wanted in shuffled([("D", ["Dune", "Dracula"]), ("Dr", ["Dracula"]), ("E", ["Emma"]), ("Dune", ["Dune"])]):
        expect_titles(client, prefix, wanted)
    expect_titles(client, fresh_word().capitalize(), [])
    # Text from the middle of a title (a different slice each run) occurs in it but does not start it.
    title = shuffled(BOOKS.values())[0]
    start = fresh_int(1, len(title) - 1)
    inside = title[start : start + fresh_int(1, len(title) - start)]
    expect_titles(
        client,
        inside,
        [],
        f": {inside!r} occurs inside {title!r} but does not start any title, so nothing matches"
        " (check that the title starts with the text, not that it contains it)",
    )


def check_filter_is_case_sensitive(client):
    """The filter is case-sensitive and matches only at the start of a title"""
    for prefix in shuffled(["d", "du", "DU", "e", "dRACULA"]):
        expect_titles(client, prefix, [])
