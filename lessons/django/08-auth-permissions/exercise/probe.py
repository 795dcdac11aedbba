"""Creates users and reports for the checks, and signs a user in without the learner's login view.

Signing in here (as Django's test client does with force_login) lets the page checks run even
when the learner's login view is still unfinished.
"""

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.test import Client

import main


def probe_add_user(username, password, can_view_reports=False):
    user = User.objects.create_user(username, password=password)
    if can_view_reports:
        user.user_permissions.add(Permission.objects.get(codename="view_report", content_type__app_label="exercise"))
    return user.pk


def probe_session_cookie(username):
    """A session cookie for a signed-in user: {"name": ..., "value": ...}."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def probe_add_report(title):
    return main.Report.objects.create(title=title).pk
