import urllib.parse

from crossroads_checks import expect, expect_json, expect_status, fresh_word


def add_books(client, *books):
    """books: (title, published) pairs."""
    client.probe("add_books", books=[{"title": title, "published": published} for title, published in books])


def search(client, q, trace_sql=False):
    response = client.get("/search/?" + urllib.parse.urlencode({"q": q}), trace_sql=trace_sql)
    expect(response.status != 500, f"Searching for {q!r} crashed the view (500): the text changed the SQL", expected="status 200", response=response)
    expect_status(response, 200)
    results = expect_json(response).get("results")
    expect(isinstance(results, list), "The answer is {\"results\": [...]}", expected={"results": ["..."]}, response=response)
    return response, results


def check_normal_search(client):
    """A search returns the published titles that contain it, ignoring case, in title order"""
    word = fresh_word()
    cap = word.capitalize()
    add_books(client, (f"{cap} Rising", True), (f"The {cap} Saga", True), (f"Ashes of {word}", True),
              (f"{cap} Secret Draft", False), (f"{fresh_word().capitalize()} Elsewhere", True))
    response, results = search(client, word)
    wanted = sorted([f"{cap} Rising", f"The {cap} Saga", f"Ashes of {word}"])
    expect(results == wanted, f"?q={word} finds the published titles containing {word!r}, in title order", expected=wanted, actual=results)


def check_or_injection(client):
    """' OR 1=1 -- does not reveal unpublished books"""
    add_books(client, (f"{fresh_word().capitalize()} Unreleased Memoir", False))
    for q in ("' OR 1=1 --", "%' OR published = 0 OR title LIKE '%"):
        _, results = search(client, q)
        expect(results == [], f"No title contains {q!r}, so nothing is found: the input must not change the SQL", expected=[], actual=results)


def check_union_injection(client):
    """A UNION SELECT in q does not reveal unpublished books"""
    add_books(client, (f"{fresh_word().capitalize()} Hidden Sequel", False))
    _, results = search(client, "x' UNION SELECT title FROM exercise_book --")
    expect(results == [], "Nothing is found: the input must not be run as SQL", expected=[], actual=results)


def check_quote_in_title(client):
    """A title with a quote in it can be found by searching with the quote"""
    word = fresh_word()
    add_books(client, (f"{word.capitalize()}'s Game", True), (f"{word.capitalize()}s Gambit", True))
    _, results = search(client, f"{word}'s")
    expect(results == [f"{word.capitalize()}'s Game"], f"?q={word}'s finds the title with the quote", expected=[f"{word.capitalize()}'s Game"], actual=results)


def check_wildcards_are_literal(client):
    """% and _ in q match only themselves, not any text"""
    word = fresh_word()
    cap = word.capitalize()
    add_books(client, (f"{cap} 50% Off", True), (f"{cap} 50 Cents", True), (f"{cap}_x Files", True), (f"{cap}ax Files", True))
    _, results = search(client, f"{word} 50%")
    expect(results == [f"{cap} 50% Off"], "A % in q is an ordinary character, not a LIKE wildcard", expected=[f"{cap} 50% Off"], actual=results)
    _, results = search(client, f"{word}_")
    expect(results == [f"{cap}_x Files"], "An _ in q is an ordinary character, not a LIKE wildcard", expected=[f"{cap}_x Files"], actual=results)


def check_text_sent_as_parameter(client):
    """The search text reaches the database as a parameter, never inside the SQL text"""
    word = fresh_word()
    add_books(client, (f"{word.capitalize()} Chronicles", True))
    response, _ = search(client, word, trace_sql=True)
    queries = response.sql or []
    expect(queries, "The search runs a query", expected="one query", actual="no queries")
    inside = [query["sql"] for query in queries if word in query["sql"].lower()]
    expect(not inside, "The search text was written into the SQL string. Escaping quotes by hand is not enough: "
           "pass the text as a parameter (%s with a list of values) or use the ORM.",
           expected=f"SQL with a placeholder (%s) and {word!r} among the parameters", actual=inside)
    sent = any(word in param.lower() for query in queries for param in query["params"])
    expect(sent, "The search text is among the query's parameters", expected=f"a parameter containing {word!r}", actual=queries)
