import main  # your file configures Django with its templates

from django.test import Client

client = Client()


def get_page():
    response = client.get("/comments/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    return response, response.content.decode()


def check_uses_templates():
    """The view renders comments.html, which extends base.html"""
    response, _ = get_page()
    names = [template.name for template in response.templates]
    assert "comments.html" in names, f"Expected the view to render comments.html, but the templates used were {names or 'none'}"
    assert "base.html" in names, "Expected comments.html to extend base.html, but base.html was not used"


def check_title():
    """The title says how many comments there are"""
    _, html = get_page()
    assert "<title>Comments (3)</title>" in html, "Expected <title>Comments (3)</title> in the page, got: " + html[:300]


def check_escapes_script():
    """The <script> comment is escaped, not executed"""
    _, html = get_page()
    assert "<script>" not in html, "The page contains a raw <script> tag: the comment text was not escaped"
    expected = "<li>&lt;script&gt;alert(&#x27;stolen cookies&#x27;)&lt;/script&gt; by Mallory</li>"
    assert expected in html, f"Expected the escaped comment {expected!r} in the page"


def check_lists_comments():
    """Each comment is a list item: TEXT by AUTHOR"""
    _, html = get_page()
    for item in ["<li>Lovely site! by Ada</li>", "<li>Tom &amp; Jerry &gt; Itchy &amp; Scratchy by Grace</li>"]:
        assert item in html, f"Expected {item!r} in the page"


def check_empty_list():
    """With no comments, the page says No comments yet."""
    saved = list(main.COMMENTS)
    main.COMMENTS.clear()
    try:
        _, html = get_page()
    finally:
        main.COMMENTS.extend(saved)
    assert "<li>No comments yet.</li>" in html, "Expected <li>No comments yet.</li> when COMMENTS is empty"
    assert "Comments (0)" in html, "Expected the title Comments (0) when COMMENTS is empty"
