"""Stores authors and books through the learner's models, so the checks use data made for this run."""

import main


def probe_add_author(author_name, titles):
    """Creates an author with one book per title; returns the author's id."""
    author = main.Author.objects.create(name=author_name)
    main.Book.objects.bulk_create([main.Book(title=title, author=author) for title in titles])
    return author.pk
