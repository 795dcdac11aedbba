"""Adds books to the learner's BOOKS while the app runs, so the checks use data made for this run."""

import main


def probe_add_books(books):
    """Stores the books ({"title", "author"}) in main.BOOKS under new ids and returns the ids.

    The books go in newest id first, so a dict's insertion order is not id order.
    """
    start = max(main.BOOKS, default=0) + 1
    ids = list(range(start, start + len(books)))
    for book_id, book in reversed(list(zip(ids, books))):
        main.BOOKS[book_id] = {"title": book["title"], "author": book["author"]}
    return ids
