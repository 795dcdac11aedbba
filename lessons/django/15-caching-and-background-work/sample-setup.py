# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. What the lesson's opening sets up: Django configured as in the exercises
# (in-memory SQLite, the locmem email backend), the default cache (LocMemCache, as with no CACHES
# setting), URL patterns looked up in the sample itself (__main__), and the Product and Review models
# with their tables created and empty.
import django_setup

django_setup.configure(ROOT_URLCONF="__main__")

from django.db import models  # noqa: E402


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.PositiveIntegerField()  # in cents

    class Meta:
        app_label = "exercise"


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    stars = models.PositiveSmallIntegerField()

    class Meta:
        app_label = "exercise"


class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    email = models.EmailField()

    class Meta:
        app_label = "exercise"


django_setup.migrate()
urlpatterns = []
del models
