# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. What the lesson's prose has set up by then: Django configured with the auth
# app, sessions and an in-memory SQLite database, Django's default password hasher (PBKDF2), the
# Report model in an app labelled "exercise" (the course's django_exercise_app, beside each sample),
# every table and the model permissions, and a `user`. URLs are looked up in the sample itself (ROOT_URLCONF "__main__").
import django
from django.conf import settings

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
