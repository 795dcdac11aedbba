# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. What the lesson's opening sets up: Django configured with an SQLite
# database, the Product, Order and CouponUse models of an app "shop" with their tables created and
# empty, and the OutOfStock exception of the transaction.atomic section, which later samples use.
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
    name = models.CharField(max_length=100)
    stock = models.IntegerField()

    class Meta:
        app_label = "shop"


class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.IntegerField()

    class Meta:
        app_label = "shop"


class CouponUse(models.Model):
    code = models.CharField(max_length=20, unique=True)  # each code can be used once

    class Meta:
        app_label = "shop"


class OutOfStock(Exception):
    pass


with connection.schema_editor() as _editor:
    for _model in (Product, Order, CouponUse):
        _editor.create_model(_model)
del _editor, _model, connection, models
