import re

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title


def tidy(html):
    """The HTML with the whitespace next to tags removed and other runs of whitespace collapsed, so
    `<li> {{ entry }} </li>` and `<li>{{ entry }}</li>` read the same."""
    html = re.sub(r"\s*(<[^>]*>)\s*", r"\1", html)
    return " ".join(html.split())


def page_with(client, entries):
    answer = client.put("/entries", json=entries)
    expect(
        answer.status == 200 and expect_json(answer).get("count") == len(entries),
        "PUT /entries is given with the exercise: keep it as it is (it replaces ENTRIES and answers with their count)",
        expected={"count": len(entries)},
        response=answer,
    )
    response = client.get("/")
    expect_status(response, 200)
    return response, tidy(response.text)


def check_escapes_scripts(client):
    """An entry with HTML in it is shown as text, never as tags"""
    number = fresh_int()
    entry = f"<script>alert({number})</script>"
    response, html = page_with(client, [entry, "Tom & Jerry <b>was here</b>"])
    expect("<script>" not in response.text, "The entry's <script> tag reached the page unescaped: anyone could run code on it", expected="&lt;script&gt;...", response=response)
    expect("<b>was here" not in response.text, "An entry's <b> tag reached the page unescaped", expected="&lt;b&gt;was here...", response=response)
    for escaped in (f"<li>&lt;script&gt;alert({number})&lt;/script&gt;</li>", "<li>Tom &amp; Jerry &lt;b&gt;was here&lt;/b&gt;</li>"):
        expect(escaped in html, "Each entry must be shown escaped, as text, inside its <li>", expected=escaped, response=response)


def check_lists_entries(client):
    """Each entry is an <li> inside a <ul>, in order"""
    entries = [fresh_title() for _ in range(fresh_int(2, 4))]
    response, html = page_with(client, entries)
    items = "".join(rf"<li\b[^>]*>{re.escape(entry)}</li>" for entry in entries)
    wanted = "<ul><li>" + "</li><li>".join(entries) + "</li></ul>"
    expect(re.search(rf"<ul\b[^>]*>{items}</ul>", html), "Expected every entry as an <li>, in order, inside one <ul>", expected=wanted, response=response)
    expect("No entries yet" not in html, "With entries on the page, the 'No entries yet.' message must not show", response=response)


def check_count_in_title(client):
    """The heading counts the entries"""
    for count in (fresh_int(3, 9), 1):
        response, html = page_with(client, [fresh_title() for _ in range(count)])
        heading = f"<h1>Guestbook ({count})</h1>"
        expect(heading in html, f"Expected the heading {heading} for {count} entries", expected=heading, response=response)


def check_empty_state(client):
    """With no entries the page says so, and shows no list"""
    response, html = page_with(client, [])
    expect("<p>No entries yet.</p>" in html, "Expected <p>No entries yet.</p> when there are no entries", expected="<p>No entries yet.</p>", response=response)
    expect("<h1>Guestbook (0)</h1>" in html, "Expected the heading to count 0 entries", expected="<h1>Guestbook (0)</h1>", response=response)
    expect(not re.search(r"<(ul|li)\b", html), "Expected no <ul> or <li> when there are no entries", expected="no <ul>", response=response)
