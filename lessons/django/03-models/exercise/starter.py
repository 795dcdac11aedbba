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
    # TODO: slug (unique), published (default False), category (foreign key, related_name="posts")

    class Meta:
        app_label = "exercise"
        # TODO: default ordering by title

    def __str__(self):
        return self.title


def category_posts(request, category_id):
    # TODO: the titles of the category's published posts, or 404 if there is no such category
    return JsonResponse({"posts": []})


urlpatterns = [
    path("categories/<int:category_id>/posts/", category_posts),
]

django_setup.migrate()  # creates the tables for the models above
