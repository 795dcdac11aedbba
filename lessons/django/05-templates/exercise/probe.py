"""Sets the learner's COMMENTS for a check, and reports which templates rendered the page."""

import main


def probe_set_comments(comments):
    """Replaces the contents of main.COMMENTS (the same list object the view reads)."""
    main.COMMENTS[:] = [{"author": c["author"], "text": c["text"]} for c in comments]
    return len(main.COMMENTS)


def probe_templates_used():
    """The names of the templates GET /comments/ renders, as Django's test client records them."""
    from django.test import Client

    response = Client().get("/comments/")
    return {"status": response.status_code, "templates": [t.name for t in (response.templates or [])]}
