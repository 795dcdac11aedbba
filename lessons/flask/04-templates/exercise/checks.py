import main

client = main.app.test_client()


def page_with(entries):
    main.ENTRIES[:] = entries
    return client.get("/").text


def check_escapes_scripts():
    """An entry with a script tag is shown as text, not run"""
    html = page_with(["<script>alert(1)</script>"])
    assert "<script>" not in html, "The entry's <script> tag reached the page unescaped: anyone could run code on it"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, "Expected the entry to be shown escaped as &lt;script&gt;…"


def check_lists_entries():
    """Each entry is an <li>"""
    html = page_with(["Hello!", "Nice site"])
    assert "<li>Hello!</li>" in html and "<li>Nice site</li>" in html, f"Expected both entries as <li> items, got:\n{html}"


def check_count_in_title():
    """The heading counts the entries"""
    assert "<h1>Guestbook (2)</h1>" in page_with(["a", "b"]), "Expected <h1>Guestbook (2)</h1> for two entries"


def check_empty_state():
    """With no entries the page says so"""
    html = page_with([])
    assert "<p>No entries yet.</p>" in html, f"Expected <p>No entries yet.</p>, got:\n{html}"
    assert "<ul>" not in html, "Expected no empty <ul> when there are no entries"
