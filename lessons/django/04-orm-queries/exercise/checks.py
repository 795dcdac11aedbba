from crossroads_checks import expect, expect_json, expect_status, fresh_title, shuffled


def add_author(client, books):
    """An author with this many books, all made up for this run; returns (name, titles)."""
    name, titles = fresh_title(), [fresh_title(3) for _ in range(books)]
    client.probe("add_author", author_name=name, titles=titles)
    return name, titles


def get_json(client, path):
    response = client.get(path, trace_sql=True)
    expect_status(response, 200)
    return response, expect_json(response)


def queries_text(response):
    lines = [f"{i}. {query['sql']}" for i, query in enumerate(response.sql or [], 1)]
    return "\n".join(lines) or "no queries"


def check_book_list_content(client):
    """GET /books/ lists every book with its author, in title order"""
    added = {}
    for count in (2, 1, 3):
        name, titles = add_author(client, count)
        added.update({title: name for title in titles})
    response, body = get_json(client, "/books/")
    books = body.get("books")
    expect(isinstance(books, list), "The answer is {\"books\": [...]}", expected={"books": [{"title": "...", "author": "..."}]}, response=response)
    for title, name in added.items():
        book = {"title": title, "author": name}
        expect(book in books, "Every book is listed with its author's name", expected=book, response=response)
    titles = [book.get("title") if isinstance(book, dict) else None for book in books]
    expect(titles == sorted(titles, key=str), "The books come in title order", expected=sorted(titles, key=str), actual=titles)


def check_book_list_queries(client):
    """GET /books/ runs at most 2 queries, however many books exist"""
    for _ in range(4):
        add_author(client, 1)
    response, _ = get_json(client, "/books/")
    count = len(response.sql or [])
    expect(count <= 2, f"GET /books/ ran {count} queries: one for the books plus one per book for its author. "
           "Load the authors together with the books.", expected="at most 2 queries", actual=queries_text(response))


def check_popular_authors(client):
    """GET /authors/popular/ returns authors with 2+ books, most books first, ties by name"""
    counts = {}
    for books in shuffled([3, 2, 2, 1, 0]):
        name, _ = add_author(client, books)
        counts[name] = books
    response, body = get_json(client, "/authors/popular/")
    authors = body.get("authors")
    expect(isinstance(authors, list), "The answer is {\"authors\": [...]}", expected={"authors": [{"name": "...", "books": 2}]}, response=response)
    for name, books in counts.items():
        entry = {"name": name, "books": books}
        if books >= 2:
            expect(entry in authors, "Every author with at least 2 books is listed with their number of books", expected=entry, response=response)
        else:
            expect(all(a.get("name") != name for a in authors if isinstance(a, dict)),
                   f"An author with {books} book(s) is not listed", expected=f"no entry for {name}", response=response)
    expect(all(isinstance(a, dict) and isinstance(a.get("books"), int) and a["books"] >= 2 for a in authors),
           "Only authors with at least 2 books are listed", expected="every entry has books >= 2", response=response)
    order = sorted(authors, key=lambda a: (-a["books"], a.get("name") or ""))
    expect(authors == order, "Authors come with the most books first, and by name when the counts are equal", expected=order, actual=authors)


def check_popular_authors_count_in_database(client):
    """GET /authors/popular/ lets the database count (COUNT in the SQL), in at most 2 queries"""
    add_author(client, 2)
    response, _ = get_json(client, "/authors/popular/")
    queries = response.sql or []
    expect(len(queries) <= 2, f"GET /authors/popular/ ran {len(queries)} queries. Count every author's books in one query with annotate().",
           expected="at most 2 queries", actual=queries_text(response))
    expect(queries, "GET /authors/popular/ ran no query at all: the authors and their counts must come from the database",
           expected="one query with COUNT(...)", actual="no queries")
    counted = any("COUNT(" in query["sql"].upper() for query in queries)
    expect(counted, "The books were counted in Python, not by the database: no query uses COUNT. "
           "Use annotate(book_count=Count(\"books\")).", expected="a query with COUNT(...) and GROUP BY", actual=queries_text(response))
