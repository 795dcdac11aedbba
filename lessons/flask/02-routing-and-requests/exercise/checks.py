import random

from crossroads_checks import expect, expect_json, expect_status, fresh_word

ERROR = {"error": "Add a search term with ?q="}


# The starter's BOOKS, then every title these checks added (through the given POST /books), in order.
BOOKS = ["Dune", "Dune Messiah", "Emma", "Middlemarch", "The Left Hand of Darkness"]


def add_books(client, *titles):
    """Adds books with the given POST /books and returns the whole list as it now stands."""
    for title in titles:
        response = client.post("/books", json={"title": title})
        BOOKS.append(title)
        expect_status(response, 201)
        expect(
            expect_json(response).get("count") == len(BOOKS),
            "POST /books is given with the exercise: keep it as it is (it adds a book to BOOKS and answers with their count)",
            expected={"count": len(BOOKS)},
            response=response,
        )
    return list(BOOKS)


def matching(books, term, limit=10):
    return [title for title in books if term.lower() in title.lower()][:limit]


def random_case(text):
    return "".join(char.upper() if random.random() < 0.5 else char.lower() for char in text)


def search(client, query):
    response = client.get(f"/search?{query}")
    expect_status(response, 200)
    return response, expect_json(response)


def expect_results(client, query, wanted):
    response, body = search(client, query)
    expect(body == {"results": wanted}, f"GET /search?{query} returned the wrong results", expected={"results": wanted}, response=response)


def check_case_insensitive(client):
    """?q= finds the titles that contain the term, ignoring case"""
    books = add_books(client)
    expect_results(client, "q=dune", matching(books, "dune"))
    expect_results(client, "q=DUNE", matching(books, "DUNE"))
    series = fresh_word()
    books = add_books(client, f"The {series.capitalize()} Saga", f"Return to {series.upper()}")
    term = random_case(series)
    expect_results(client, f"q={term}", matching(books, term))
    expect_results(client, f"q={fresh_word()}{fresh_word()}", [])


def check_limit(client):
    """?limit= caps the results"""
    series = fresh_word()
    books = add_books(client, *(f"{series.capitalize()} volume {number}" for number in range(1, 6)))
    limit = random.randint(1, 4)
    expect_results(client, f"q={series}&limit={limit}", matching(books, series, limit))
    expect_results(client, "q=dune&limit=1", matching(books, "dune", 1))


def check_default_limit(client):
    """Without a usable limit, at most 10 results come back"""
    series = fresh_word()
    books = add_books(client, *(f"{series.capitalize()} part {number}" for number in range(1, 14)))
    wanted = matching(books, series)
    expect_results(client, f"q={series.upper()}", wanted)
    response, body = search(client, f"q={series}&limit=abc")
    expect(
        body == {"results": wanted},
        "A limit that is not a number is ignored: the default of 10 applies (request.args.get(..., type=int))",
        expected={"results": wanted},
        response=response,
    )


def check_missing_term(client):
    """A missing or empty q is a 400 with a helpful JSON error"""
    for query in ("", "?q=", "?limit=3"):
        response = client.get(f"/search{query}")
        expect_status(response, 400)
        body = response.json() if "json" in response.headers.get("Content-Type", "") else None
        expect(body == ERROR, f"GET /search{query} must answer with the JSON error, not Flask's HTML page", expected=ERROR, response=response)


def check_book_by_number(client):
    """GET /books/<number> returns the book at that position, counting from 1"""
    title = f"{fresh_word().capitalize()} and {fresh_word().capitalize()}"
    books = add_books(client, title)
    for number in (1, 2, len(books)):
        response = client.get(f"/books/{number}")
        expect_status(response, 200)
        expect_json(response, {"title": books[number - 1]})


def check_book_not_a_number(client):
    """GET /books/two is a 404"""
    for word in ("two", "1.5", "-1"):
        response = client.get(f"/books/{word}")
        expect(response.status == 404, f"Expected 404 for /books/{word}, got {response.status}: let a converter reject it", expected="status 404", response=response)


def check_book_out_of_range(client):
    """Numbers outside the list are 404s"""
    books = add_books(client)
    for number in (0, len(books) + 1, len(books) + 1000):
        response = client.get(f"/books/{number}")
        expect(response.status == 404, f"Expected 404 for /books/{number}: BOOKS has {len(books)} books", expected="status 404", response=response)
