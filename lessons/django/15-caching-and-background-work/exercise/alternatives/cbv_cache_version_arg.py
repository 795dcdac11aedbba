import json

import django_setup

django_setup.configure()

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import Avg, Count, F
from django.http import JsonResponse
from django.urls import path
from django.views import View
from django.views.decorators.http import require_GET, require_POST


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


GENERATION = "catalog:generation"


def generation():
    """Django's cache versioning: every entry is stored under the current generation number."""
    return cache.get_or_set(GENERATION, 1, timeout=None)


def new_generation():
    """After any write: entries of older generations are never read again and time out on their own."""
    try:
        cache.incr(GENERATION)
    except ValueError:
        cache.set(GENERATION, 2, timeout=None)


def rated(queryset):
    return queryset.annotate(review_count=Count("reviews"), rating=Avg("reviews__stars"))


def to_dict(product):
    rating = round(product.rating, 2) if product.rating is not None else None
    return {"id": product.pk, "name": product.name, "price": product.price, "reviews": product.review_count, "rating": rating}


class ProductsView(View):
    http_method_names = ["get", "post"]

    def get(self, request):
        sort = request.GET.get("sort", "name")
        if sort not in ("name", "price"):
            return JsonResponse({"error": "sort must be name or price"}, status=400)
        items = cache.get_or_set(
            f"products:{sort}", lambda: [to_dict(p) for p in rated(Product.objects.order_by(sort, "pk"))], 240, version=generation()
        )
        return JsonResponse({"products": items})

    def post(self, request):
        data = json.loads(request.body)
        product = Product.objects.create(name=data["name"], price=data["price"], stock=data.get("stock", 0))
        new_generation()
        return JsonResponse(to_dict(rated(Product.objects.filter(pk=product.pk)).get()), status=201)


class ProductView(View):
    http_method_names = ["get", "patch"]

    def get(self, request, product_id):
        version = generation()
        data = cache.get(f"product:{product_id}", version=version)
        if data is None:
            product = rated(Product.objects.filter(pk=product_id)).first()
            if product is None:
                return JsonResponse({"error": "No such product"}, status=404)
            data = to_dict(product)
            cache.set(f"product:{product_id}", data, 240, version=version)
        return JsonResponse(data)

    def patch(self, request, product_id):
        product = Product.objects.filter(pk=product_id).first()
        if product is None:
            return JsonResponse({"error": "No such product"}, status=404)
        data = json.loads(request.body)
        product.name = data.get("name", product.name)
        product.price = data.get("price", product.price)
        product.save()
        new_generation()
        return JsonResponse(to_dict(rated(Product.objects.filter(pk=product_id)).get()))


@require_POST
def create_order(request):
    data = json.loads(request.body)
    item = Product.objects.filter(pk=data["product"]).first()
    if item is None:
        return JsonResponse({"error": "No such product"}, status=404)
    quantity = int(data["quantity"])
    with transaction.atomic():
        order = Order.objects.create(product=item, quantity=quantity, email=data["email"])
        message = EmailMultiAlternatives(f"Order {order.pk} confirmed", f"{quantity} x {item.name}", "shop@example.com", [order.email])
        message.attach_alternative(f"<p>{quantity} &times; {item.name}</p>", "text/html")
        transaction.on_commit(message.send)
        if not Product.objects.filter(pk=item.pk, stock__gte=quantity).update(stock=F("stock") - quantity):
            transaction.set_rollback(True)
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
    path("products/", count_queries(ProductsView.as_view())),
    path("products/<int:product_id>/", count_queries(ProductView.as_view())),
    path("orders/", create_order),
    path("seed/products/", seed_product),  # given
    path("seed/outbox/", sent_mail),  # given
]

django_setup.migrate()
