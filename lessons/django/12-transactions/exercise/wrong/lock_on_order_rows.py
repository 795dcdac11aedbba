# Wrong (games the source check): a select_for_update() on the Order table, which locks no product row, in front of
# read, subtract, save: two orders for the same product still both read the same stock.
import json

import django_setup

django_setup.configure()

from django.db import models, transaction
from django.db.models import F, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
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


class OutOfStock(Exception):
    def __init__(self, product):
        super().__init__(f"Not enough {product.name} in stock")
        self.product = product


def read_items(request):
    """[(product id, quantity), ...] from {"items": [{"product": 3, "quantity": 2}, ...]}, or None."""
    try:
        items = [(int(item["product"]), int(item["quantity"])) for item in json.loads(request.body)["items"]]
    except (ValueError, TypeError, KeyError):
        return None
    if not items or any(quantity < 1 for _, quantity in items):
        return None
    return items


@transaction.atomic
def place_order(items):
    """Takes the stock and saves the order, all or nothing: OutOfStock rolls every change back."""
    list(Order.objects.select_for_update().all())  # "locks" -- but the orders, not the products
    order = Order.objects.create()
    for product_id, quantity in items:
        product = get_object_or_404(Product, pk=product_id)
        if product.stock < quantity:
            raise OutOfStock(product)
        product.stock -= quantity
        product.save()
        OrderLine.objects.create(order=order, product=product, quantity=quantity)
    return order


@require_POST
def create_order(request):
    items = read_items(request)
    if items is None:
        return JsonResponse({"error": 'Send {"items": [{"product": <id>, "quantity": <1 or more>}, ...]}'}, status=400)
    try:
        order = place_order(items)
    except OutOfStock as short:
        return JsonResponse({"error": str(short), "product": short.product.pk}, status=409)
    lines = [{"product": product_id, "quantity": quantity} for product_id, quantity in items]
    return JsonResponse({"id": order.pk, "items": lines}, status=201)


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
