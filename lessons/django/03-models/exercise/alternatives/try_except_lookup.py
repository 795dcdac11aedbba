# Category.DoesNotExist caught by hand for the 404, the published posts read through
# category.posts, and the fields written with keyword arguments in another order.
import json

import django_setup

django_setup.configure()

from django.db import IntegrityError, models
from django.db.models import CASCADE
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


class Category(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"


class Post(models.Model):
    category = models.ForeignKey(to=Category, related_name="posts", on_delete=CASCADE)
    title = models.CharField("title", max_length=200)
    slug = models.SlugField(unique=True, max_length=100)
    published = models.BooleanField(default=False, help_text="Shown on the site")

    class Meta:
        app_label = "exercise"
        ordering = ["title"]


def category_posts(request, category_id):
    try:
        category = Category.objects.get(pk=category_id)
    except Category.DoesNotExist:
        return JsonResponse({"error": "category not found"}, status=404)
    return JsonResponse({"posts": [p.title for p in category.posts.all() if p.published]})


# Given: the checks add their own categories and posts through these two views. Leave them as they are.
@require_POST
def seed_category(request):
    category = Category.objects.create(name=json.loads(request.body)["name"])
    return JsonResponse({"id": category.pk}, status=201)


@require_POST
def seed_post(request):
    data = json.loads(request.body)
    fields = {name: data[name] for name in ("title", "slug", "published") if name in data}
    try:
        post = Post.objects.create(category_id=data["category"], **fields)
    except IntegrityError as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse({"id": post.pk}, status=201)


urlpatterns = [
    path("seed/categories/", seed_category),
    path("seed/posts/", seed_post),
    path("categories/<int:category_id>/posts/", category_posts),
]

django_setup.migrate()
