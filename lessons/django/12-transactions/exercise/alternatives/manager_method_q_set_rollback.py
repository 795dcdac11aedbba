# Correct, written differently: the conditional update lives in a custom QuerySet method (Product.objects.take)
# built with Q objects; the view uses a with block and marks it for rollback with set_rollback(True) before
# returning the 409, so nothing is kept.
import json

import django_setup

django_setup.configure()

from django.db import models, transaction
from django.db.models import F, Q, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_GET, require_POST


class ProductQuerySet(models.QuerySet):
    def take(self, product_id, quantity):
        """Takes quantity from the stock in one UPDATE if there is enough; True if it did."""
        enough = Q(pk=product_id) & Q(stock__gte=quantity)
        return self.filter(enough).update(stock=F("stock") - quantity) == 1


class Product(models.Model):
    name = models.CharField(max_length=100)
    stock = models.IntegerField()

    objects = ProductQuerySet.as_manager()

    class Meta:
        app_label = "exercise"


class Order(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "exercise"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_lines")
    quantity = models.PositiveIntegerField()

    class Meta:
        app_label = "exercise"


def read_items(request):
    """[(product id, quantity), ...] from {"items": [{"product": 3, "quantity": 2}, ...]}, or None."""
    try:
        items = [(int(item["product"]), int(item["quantity"])) for item in json.loads(request.body)["items"]]
    except (ValueError, TypeError, KeyError):
        return None
    if not items or any(quantity < 1 for _, quantity in items):
        return None
    return items


@require_POST
def create_order(request):
    items = read_items(request)
    if items is None:
        return JsonResponse({"error": "Send a list of items"}, status=400)
    with transaction.atomic():
        order = Order.objects.create()
        for product_id, quantity in items:
            product = get_object_or_404(Product, pk=product_id)
            if not Product.objects.take(product_id, quantity):
                transaction.set_rollback(True)  # returning does not roll back by itself
                return JsonResponse({"error": f"Only {product.stock} {product.name} left", "product": product_id}, status=409)
            order.lines.create(product=product, quantity=quantity)
    return JsonResponse({"id": order.pk, "items": [{"product": p, "quantity": q} for p, q in items]}, status=201)


# ---- Given: the checks use these three routes. Leave them as they are. ----------------------------


@require_POST
def add_product(request):
    data = json.loads(request.body)
    product = Product.objects.create(name=data["name"], stock=data["stock"])
    return JsonResponse({"id": product.pk, "name": product.name, "stock": product.stock}, status=201)


@require_GET
def show_product(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    ordered = product.order_lines.aggregate(total=Sum("quantity"))["total"] or 0
    return JsonResponse({"id": product.pk, "name": product.name, "stock": product.stock, "ordered": ordered})


@require_GET
def shop_totals(request):
    return JsonResponse({"orders": Order.objects.count(), "order_lines": OrderLine.objects.count()})


urlpatterns = [
    path("orders/", create_order),
    path("products/", add_product),  # given
    path("products/<int:product_id>/", show_product),  # given
    path("totals/", shop_totals),  # given
]

django_setup.migrate()
