# The anti-pattern: prefetch_related + len() + a Python sort. Two queries, but the counting happens
# in Python over every book instead of in the database.
import json

import django_setup

django_setup.configure()

from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")

    class Meta:
        app_label = "exercise"
        ordering = ["title"]


def book_list(request):
    books = Book.objects.select_related("author")
    return JsonResponse({"books": [{"title": b.title, "author": b.author.name} for b in books]})


def popular_authors(request):
    authors = []
    for author in Author.objects.prefetch_related("books"):
        count = len(author.books.all())
        if count >= 2:
            authors.append({"name": author.name, "books": count})
    authors.sort(key=lambda a: (-a["books"], a["name"]))
    return JsonResponse({"authors": authors})


# Given: the checks add authors and books of their own through this view. Leave it as it is.
@require_POST
def seed_author(request):
    data = json.loads(request.body)
    author = Author.objects.create(name=data["name"])
    Book.objects.bulk_create([Book(title=title, author=author) for title in data["titles"]])
    return JsonResponse({"id": author.pk}, status=201)


urlpatterns = [
    path("seed/authors/", seed_author),
    path("books/", book_list),
    path("authors/popular/", popular_authors),
]

django_setup.migrate()
