# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. For the "no such table" sample: a Django project whose settings list a
# `notes` app with a Note model, as if `python manage.py shell` had loaded them, and whose database
# file exists but has never been migrated. Samples run in an empty folder, so this writes the app
# there. The Flask and FastAPI samples of the lesson do not use any of it. Everything is inside a
# function so no name leaks into a sample.


def _django_project_without_migrations():
    import pathlib

    app = pathlib.Path("notes")
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(
        "from django.db import models\n\n\n"
        "class Note(models.Model):\n"
        "    text = models.CharField(max_length=200)\n"
    )

    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["notes"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    )
    django.setup()


_django_project_without_migrations()
del _django_project_without_migrations
