# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds what the lesson's first code block describes: Django configured
# with an in-memory SQLite database, the Author and Book models (in an app "library", as in the models
# lesson), their tables, and the rows the lesson lists. The samples also use the names the first of them imports.
import os

import django
from django.conf import settings

# An empty package for the app; the samples run in a new empty folder, which is on sys.path.
os.makedirs("library", exist_ok=True)
open(os.path.join("library", "__init__.py"), "w").close()

settings.configure(
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=["library"],
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    USE_TZ=True,
)
django.setup()

from django.db import connection, models  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402, F401


class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "library"


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    pages = models.IntegerField(default=0)
    rating = models.IntegerField(default=0)

    class Meta:
        app_label = "library"


with connection.schema_editor() as _editor:
    _editor.create_model(Author)
    _editor.create_model(Book)

leckie = Author.objects.create(name="Ann Leckie")
le_guin = Author.objects.create(name="Ursula K. Le Guin")
Book.objects.create(title="Ancillary Justice", author=leckie, pages=386, rating=5)
Book.objects.create(title="Ancillary Sword", author=leckie, pages=356, rating=3)
Book.objects.create(title="The Dispossessed", author=le_guin, pages=387, rating=4)
