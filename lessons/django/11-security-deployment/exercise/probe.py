"""Saves books through the learner's model, so each check searches titles made up for this run."""

import main


def probe_add_books(books):
    """books: [{"title": ..., "published": bool}]; returns their ids."""
    return [main.Book.objects.create(title=b["title"], published=b["published"]).pk for b in books]
