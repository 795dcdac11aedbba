# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. What the lesson's prose has set up by then: Django configured with the auth
# app, sessions and an in-memory SQLite database, Django's default password hasher (PBKDF2), the
# Report model in an app labelled "exercise" (as in the course's exercises), every table and the
# model permissions, and a `user`. URLs are looked up in the sample itself (ROOT_URLCONF "__main__").
import os
import sys
import types

import django
from django.apps import AppConfig
from django.conf import settings


class ExerciseConfig(AppConfig):
    # The app that models with app_label "exercise" belong to, like lessons/_support/django_exercise_app.py.
    name = "django_exercise_app"
    label = "exercise"
    path = os.getcwd()
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self):
        super().import_models()
        self.models_module = self.module  # the models live in this file: let migrate see them


ExerciseConfig.__module__ = "django_exercise_app"
sys.modules["django_exercise_app"] = types.ModuleType("django_exercise_app")
sys.modules["django_exercise_app"].ExerciseConfig = ExerciseConfig

settings.configure(
    SECRET_KEY="samples-only-secret-key",
    ALLOWED_HOSTS=["testserver"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django_exercise_app.ExerciseConfig",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    ROOT_URLCONF="__main__",
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    USE_TZ=True,
)
django.setup()
del os, sys, types, AppConfig, ExerciseConfig

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import models  # noqa: E402


class Report(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"
        permissions = [("publish_report", "Can publish reports")]


call_command("migrate", run_syncdb=True, verbosity=0)
user = User.objects.create_user("grace")  # another user than the samples' "ada"; no password needed
