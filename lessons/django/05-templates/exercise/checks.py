import html
import re

from crossroads_checks import expect, expect_no_text, expect_status, fresh_int, fresh_title, fresh_word


def set_comments(client, comments):
    client.probe("set_comments", comments=comments)
    return comments


def plain_comments(count):
    return [{"author": fresh_word().capitalize(), "text": f"{fresh_title()}!"} for _ in range(count)]


def page(client):
    response = client.get("/comments/")
    expect_status(response, 200)
    return response


def normalized(text):
    """HTML with the whitespace next to tags removed and other runs collapsed: layout does not matter."""
    text = re.sub(r"\s*(<[^>]*>)\s*", r"\1", text)
    return " ".join(text.split())


def list_items(response):
    return re.findall(r"<li\b[^>]*>(.*?)</li>", normalized(response.text), flags=re.S)


def escaped(text):
    """What Django's autoescaping makes of text."""
    return html.escape(text, quote=True)


def check_uses_templates(client):
    """The view renders comments.html, which extends base.html"""
    set_comments(client, plain_comments(2))
    used = client.probe("templates_used")
    names = used["templates"]
    expect("comments.html" in names, "GET /comments/ renders the template comments.html", expected="comments.html", actual=names or "no template")
    expect("base.html" in names, "comments.html extends base.html ({% extends \"base.html\" %})", expected=["comments.html", "base.html"], actual=names)
    response = page(client)
    expect("<main>" in normalized(response.text), "The page has base.html's layout around the list", expected="<main>...</main> from base.html", response=response)


def check_title(client):
    """The title says how many comments there are"""
    count = fresh_int(2, 7)
    set_comments(client, plain_comments(count))
    response = page(client)
    wanted = f"<title>Comments ({count})</title>"
    expect(wanted in normalized(response.text), f"With {count} comments the title is Comments ({count})", expected=wanted, response=response)


def check_lists_comments(client):
    """Each comment is a list item TEXT by AUTHOR, in order"""
    comments = set_comments(client, plain_comments(3))
    response = page(client)
    wanted = [f"{c['text']} by {c['author']}" for c in comments]
    expect(list_items(response) == wanted, "Each comment is one <li>TEXT by AUTHOR</li>, in the order of COMMENTS",
           expected=[f"<li>{item}</li>" for item in wanted], actual=list_items(response))


def check_escapes_script(client):
    """Comment text is escaped: a <script> comment shows as text and never runs"""
    word = fresh_word()
    comments = set_comments(client, [
        {"author": "Mallory", "text": f"<script>alert('{word}')</script>"},
        {"author": fresh_word().capitalize(), "text": f"Tom & Jerry > {word.capitalize()} & \"Co\""},
    ])
    response = page(client)
    expect_no_text(response, "<script>")
    wanted = [f"{escaped(c['text'])} by {c['author']}" for c in comments]
    expect(list_items(response) == wanted, "The text is escaped once: < becomes &lt;, & becomes &amp; (not &amp;lt;)",
           expected=[f"<li>{item}</li>" for item in wanted], actual=list_items(response))


def check_empty_list(client):
    """With no comments, the page says No comments yet."""
    set_comments(client, [])
    response = page(client)
    text = normalized(response.text)
    expect("<title>Comments (0)</title>" in text, "With no comments the title is Comments (0)", expected="<title>Comments (0)</title>", response=response)
    expect(list_items(response) == ["No comments yet."], "With no comments the list has one item: No comments yet.",
           expected=["<li>No comments yet.</li>"], actual=list_items(response))
