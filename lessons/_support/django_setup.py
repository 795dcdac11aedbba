"""Configure Django for a one-file exercise (main.py), without a settings module.

Usage at the top of the learner's file:

    import django_setup
    django_setup.configure()

then define models (with `class Meta: app_label = "exercise"`), views and `urlpatterns`, and call
`django_setup.migrate()` or `django_setup.create_tables(Model, ...)` to build the tables in the
in-memory SQLite database. Everything here is pure Python and runs in CPython and in Pyodide.
"""

import os

_state = {"configured": False}
_templates = {}  # served by the locmem loader; the same dict object is handed to Django


def configure(templates=None, **overrides):
    """Configure settings and call django.setup(), once per process; later calls only add templates.

    templates: optional {"name.html": "source"} served by the in-memory (locmem) template loader,
    so a one-file exercise can use {% extends %} and {% include %}.
    overrides: any other Django setting, e.g. configure(DEBUG=False).
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"  # Pyodide runs sync code inside an event loop
    import django
    from django.conf import settings

    if templates:
        # Also works on a later call (say checks.py configured first): templates load lazily.
        _templates.update(templates)
    if _state["configured"] or settings.configured:
        _state["configured"] = True
        return settings

    loaders = [
        ("django.template.loaders.locmem.Loader", _templates),
        "django.template.loaders.app_directories.Loader",
    ]
    values = {
        "DEBUG": True,
        "SECRET_KEY": "exercise-only-secret-key-never-use-in-production",
        "ALLOWED_HOSTS": ["testserver", "localhost", "127.0.0.1"],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django_exercise_app.ExerciseConfig",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        "ROOT_URLCONF": "main",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "OPTIONS": {
                    "loaders": loaders,
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ],
                },
            }
        ],
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "USE_TZ": True,
        # The browser bundle ships without translation files, so translation must stay off.
        "USE_I18N": False,
        "TIME_ZONE": "UTC",
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "LOGIN_URL": "/login/",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The test client re-raises view errors itself; keep Django's "Not Found: /x/" and
        # "Internal Server Error" log lines out of the check output.
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"null": {"class": "logging.NullHandler"}},
            "loggers": {
                "django.request": {"handlers": ["null"], "propagate": False},
                "django.security.csrf": {"handlers": ["null"], "propagate": False},
            },
        },
    }
    values.update(overrides)
    settings.configure(**values)
    django.setup()

    # What the test runner would do: record rendered templates and contexts on test client responses.
    from django.test.utils import setup_test_environment

    try:
        setup_test_environment()
    except RuntimeError:  # already set up by someone else in this process
        pass
    _state["configured"] = True
    return settings


def migrate():
    """Create every table: contrib apps by their migrations, exercise models directly (syncdb).

    Also runs the post-migrate steps, so content types and the default permissions exist.
    Safe to call more than once.
    """
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)


def create_tables(*models):
    """Create the tables for the given models (skipping any that already exist). Fast, no migrations."""
    from django.db import connection

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in models:
            if model._meta.db_table not in existing:
                editor.create_model(model)
                existing.add(model._meta.db_table)
