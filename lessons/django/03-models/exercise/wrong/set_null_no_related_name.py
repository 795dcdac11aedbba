# on_delete=SET_NULL keeps orphan posts when their category is deleted, and without related_name
# the reverse side is category.post_set, not category.posts.
import django_setup

django_setup.configure()

from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path


class Category(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"

    def __str__(self):
        return self.name


class Post(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    published = models.BooleanField(default=False)
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True)

    class Meta:
        app_label = "exercise"
        ordering = ["title"]

    def __str__(self):
        return self.title


def category_posts(request, category_id):
    category = get_object_or_404(Category, pk=category_id)
    titles = [post.title for post in category.post_set.filter(published=True)]
    return JsonResponse({"posts": titles})


urlpatterns = [
    path("categories/<int:category_id>/posts/", category_posts),
]

django_setup.migrate()  # creates the tables for the models above
