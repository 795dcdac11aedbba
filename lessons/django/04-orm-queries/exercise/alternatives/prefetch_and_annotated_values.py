# The author loaded by prefetch_related (a second query, still a fixed number), and the annotated
# authors turned into dicts by values().
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

urlpatterns = [
    path("books/", book_list),
    path("authors/popular/", popular_authors),
]

django_setup.migrate()
