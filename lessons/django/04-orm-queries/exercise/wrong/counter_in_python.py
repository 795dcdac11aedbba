# The counting anti-pattern in one query: every book's author name is read and counted in Python
# with a Counter, instead of letting the database count (annotate with Count).
import json
from collections import Counter

import django_setup

django_setup.configure()

from django.db import models
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
    data = [{"title": book.title, "author": book.author.name} for book in books]
    return JsonResponse({"books": data})


def popular_authors(request):
    counts = Counter(Book.objects.values_list("author__name", flat=True))
    popular = [{"name": name, "books": books} for name, books in counts.items() if books >= 2]
    popular.sort(key=lambda author: (-author["books"], author["name"]))
    return JsonResponse({"authors": popular})


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
