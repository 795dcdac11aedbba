# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. What the SQL injection section assumes: Django configured with an
# in-memory SQLite database, a Product model in an app "shop" (so its table is shop_product) and a
# few products to search.
import os

import django
from django.conf import settings

# An empty package for the app; the samples run in a new empty folder, which is on sys.path.
os.makedirs("shop", exist_ok=True)
open(os.path.join("shop", "__init__.py"), "w").close()

settings.configure(
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=["shop"],
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    USE_TZ=True,
)
django.setup()
del os

from django.db import connection, models  # noqa: E402


class Product(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "shop"


with connection.schema_editor() as _editor:
    _editor.create_model(Product)
del _editor

for _title in ["100% cotton tee", "100 percent wool", "snake_case mug", "snakecase cup"]:
    Product.objects.create(title=_title)
del _title, connection, models
