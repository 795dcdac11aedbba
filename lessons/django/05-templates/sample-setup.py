# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. The samples start like the exercises do, with `import django_setup` and
# `django_setup.configure()`. Samples run in an empty folder without the course's support files, so
# this installs a module of that name that configures Django the same way as
# lessons/_support/django_setup.py (same settings; ROOT_URLCONF is the sample itself, which runs as
# __main__). Everything is inside a function so no name leaks into the sample.


def _install_django_setup():
    import os
    import sys
    import types

    from django.apps import AppConfig

    # The app that models with `app_label = "exercise"` belong to (lessons/_support/django_exercise_app.py).
    class ExerciseConfig(AppConfig):
        name = "django_exercise_app"
        label = "exercise"
        verbose_name = "Exercise"
        default_auto_field = "django.db.models.BigAutoField"
        path = os.getcwd()

        def import_models(self):
            super().import_models()
            # The models live in the sample, not in a models submodule: let migrate --run-syncdb see them.
            self.models_module = self.module

    app_module = types.ModuleType("django_exercise_app")
    app_module.ExerciseConfig = ExerciseConfig
    ExerciseConfig.__module__ = "django_exercise_app"
    sys.modules["django_exercise_app"] = app_module

    template_store = {}  # served by the in-memory (locmem) template loader

    def configure(templates=None, **overrides):
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
        import django
        from django.conf import settings

        if templates:
            template_store.update(templates)
        if settings.configured:
            return settings
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
            "ROOT_URLCONF": "__main__",
            "TEMPLATES": [
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [],
                    "OPTIONS": {
                        "loaders": [
                            ("django.template.loaders.locmem.Loader", template_store),
                            "django.template.loaders.app_directories.Loader",
                        ],
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
            "USE_I18N": False,
            "TIME_ZONE": "UTC",
            "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
            "LOGIN_URL": "/login/",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
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
        from django.test.utils import setup_test_environment

        setup_test_environment()
        return settings

    def migrate():
        from django.core.management import call_command

        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)

    def create_tables(*models):
        from django.db import connection

        existing = set(connection.introspection.table_names())
        with connection.schema_editor() as editor:
            for model in models:
                if model._meta.db_table not in existing:
                    editor.create_model(model)
                    existing.add(model._meta.db_table)

    module = types.ModuleType("django_setup")
    module.configure = configure
    module.migrate = migrate
    module.create_tables = create_tables
    sys.modules["django_setup"] = module


_install_django_setup()
del _install_django_setup
