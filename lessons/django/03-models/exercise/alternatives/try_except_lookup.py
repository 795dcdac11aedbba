# Category.DoesNotExist caught by hand for the 404, the published posts read through
# category.posts, and the fields written with keyword arguments in another order.
import django_setup

django_setup.configure()

from django.db import models
from django.db.models import CASCADE
from django.http import JsonResponse
from django.urls import path


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


urlpatterns = [
    path("categories/<int:category_id>/posts/", category_posts),
]

django_setup.migrate()
