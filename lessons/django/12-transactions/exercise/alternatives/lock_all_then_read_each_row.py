# Correct, written differently: `from django.db.transaction import atomic`, an atomic helper that locks all the
# order's rows in id order first and then reads each product (now locked) again before subtracting in Python.
import json

import django_setup

django_setup.configure()

from django.db import models, transaction
from django.db.models import F, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.db.transaction import atomic
from django.views.decorators.http import require_GET, require_POST


class Product(models.Model):
    name = models.CharField(max_length=100)
    stock = models.IntegerField()

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


class Short(Exception):
    pass


def read_items(request):
    """[(product id, quantity), ...] from {"items": [{"product": 3, "quantity": 2}, ...]}, or None."""
    try:
        items = [(int(item["product"]), int(item["quantity"])) for item in json.loads(request.body)["items"]]
    except (ValueError, TypeError, KeyError):
        return None
    if not items or any(quantity < 1 for _, quantity in items):
        return None
    return items


@atomic
def checkout(items):
    ids = sorted({product_id for product_id, _ in items})
    list(Product.objects.select_for_update().filter(pk__in=ids).order_by("pk"))  # lock them all, in a fixed order
    order = Order.objects.create()
    for product_id, quantity in items:
        product = get_object_or_404(Product, pk=product_id)  # read after the lock: the current stock
        if product.stock < quantity:
            raise Short(product)
        product.stock = product.stock - quantity
        product.save(update_fields=["stock"])
        OrderLine.objects.create(order=order, product=product, quantity=quantity)
    return order


@require_POST
def create_order(request):
    items = read_items(request)
    if items is None:
        return JsonResponse({"error": "Send a list of items"}, status=400)
    try:
        order = checkout(items)
    except Short as exc:
        product = exc.args[0]
        return JsonResponse({"error": f"Not enough {product.name} in stock", "product": product.pk}, status=409)
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
