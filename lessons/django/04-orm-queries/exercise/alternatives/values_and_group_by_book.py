# Dictionaries straight from values() (one JOINed query), and the count grouped on the book side.
import django_setup

django_setup.configure()

from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path


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
    books = Book.objects.values("title", "author__name")
    return JsonResponse({"books": [{"title": b["title"], "author": b["author__name"]} for b in books]})


def popular_authors(request):
    rows = (
        Book.objects.values("author_id", "author__name")
        .annotate(total=Count("id"))
        .filter(total__gte=2)
        .order_by("-total", "author__name")
    )
    return JsonResponse({"authors": [{"name": row["author__name"], "books": row["total"]} for row in rows]})

urlpatterns = [
    path("books/", book_list),
    path("authors/popular/", popular_authors),
]

django_setup.migrate()
