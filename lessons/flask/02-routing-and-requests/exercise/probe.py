"""Runs beside the learner's app: adds the checks' own books to main.BOOKS, so the expected answers
change on every run and cannot be written into the solution."""

import main


def probe_add_books(titles):
    """Appends titles to BOOKS and returns the whole list, in order."""
    books = getattr(main, "BOOKS", None)
    if not isinstance(books, list):
        raise RuntimeError("keep the titles in a list named BOOKS, as the starter does")
    books.extend(titles)
    return list(books)
