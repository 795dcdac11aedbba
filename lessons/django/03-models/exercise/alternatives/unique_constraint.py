# Uniqueness as a Meta constraint instead of unique=True, ordering as a tuple, and a view that
# queries Post directly and raises Http404 itself.
import django_setup

django_setup.configure()

from django.db import models
from django.http import Http404, JsonResponse
from django.urls import path


class Category(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"


class Post(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    published = models.BooleanField(default=False)
    category = models.ForeignKey("Category", on_delete=models.CASCADE, related_name="posts")

    class Meta:
        app_label = "exercise"
        ordering = ("title",)
        constraints = [models.UniqueConstraint(fields=["slug"], name="unique_post_slug")]


def category_posts(request, category_id):
    if not Category.objects.filter(pk=category_id).exists():
        raise Http404("No such category")
    titles = Post.objects.filter(category_id=category_id, published=True).values_list("title", flat=True)
    return JsonResponse({"posts": list(titles)})


urlpatterns = [
    path("categories/<int:category_id>/posts/", category_posts),
]

django_setup.migrate()
