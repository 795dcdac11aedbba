# The author loaded by prefetch_related (a second query, still a fixed number), and the annotated
# authors turned into dicts by values().
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
    data = []
    for book in Book.objects.prefetch_related("author").order_by("title"):
        data.append({"title": book.title, "author": book.author.name})
    return JsonResponse({"books": data})


def popular_authors(request):
    authors = (
        Author.objects.annotate(books_written=Count("books"))
        .filter(books_written__gt=1)
        .order_by("-books_written", "name")
        .values("name", "books_written")
    )
    return JsonResponse({"authors": [{"name": a["name"], "books": a["books_written"]} for a in authors]})


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
