"""Books and a signed-in session for the checks, and the one fact HTTP cannot show: which view
classes serve the three URLs."""

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve

import main


def probe_add_books(books, replace=False):
    """Saves the books ({"title", "author"}) in the given order; replace=True removes every other book first."""
    if replace:
        main.Book.objects.all().delete()
    return [main.Book.objects.create(title=b["title"], author=b["author"]).pk for b in books]


def probe_find_book(title):
    book = main.Book.objects.filter(title=title).first()
    return None if book is None else {"title": book.title, "author": book.author}


def probe_session_cookie(username):
    """Creates the user and signs them in; returns the session cookie {"name", "value"}."""
    user, _ = User.objects.get_or_create(username=username)
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def probe_view_classes(paths):
    """For each path: the names in its view class's MRO, or None when it is served by a plain function."""
    report = {}
    for path in paths:
        try:
            func = resolve(path).func
        except Resolver404:
            report[path] = "no route"
            continue
        view_class = getattr(func, "view_class", None)
        report[path] = [cls.__name__ for cls in view_class.__mro__] if isinstance(view_class, type) else None
    return report
