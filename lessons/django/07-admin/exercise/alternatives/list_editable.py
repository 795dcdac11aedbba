# Prices and stock editable from the list page (list_editable): those cells hold form inputs.
import django_setup

django_setup.configure()

from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST


class Product(models.Model):
    name = models.CharField(max_length=100)
    sku = models.CharField("SKU", max_length=20, unique=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    in_stock = models.BooleanField(default=True)

    class Meta:
        app_label = "exercise"

    def __str__(self):
        return self.name


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "sku", "price", "in_stock"]
    list_editable = ["price", "in_stock"]  # staff fix prices and stock straight from the list
    search_fields = ["name", "sku"]
    list_filter = ["in_stock"]


# Given (keep it): the checks make their staff account here, as `createsuperuser` would.
@require_POST
def make_staff(request):
    User.objects.create_superuser(request.POST["username"], password=request.POST["password"])
    return HttpResponse(status=201)


# Given (keep it): the checks add their products here.
@require_POST
def add_product(request):
    Product.objects.create(
        name=request.POST["name"],
        sku=request.POST["sku"],
        price=request.POST["price"],
        in_stock=request.POST["in_stock"] == "yes",
    )
    return HttpResponse(status=201)


urlpatterns = [
    path("staff/new/", make_staff),  # given
    path("products/new/", add_product),  # given
    path("admin/", admin.site.urls),
]

django_setup.migrate()
