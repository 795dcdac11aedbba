# The popular authors are right, but /books/ still reads each book's author with its own query.
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
    data = [{"title": book.title, "author": book.author.name} for book in Book.objects.all()]
    return JsonResponse({"books": data})


def popular_authors(request):
    authors = (
        Author.objects.annotate(book_count=Count("books"))
        .filter(book_count__gte=2)
        .order_by("-book_count", "name")
    )
    return JsonResponse({"authors": [{"name": a.name, "books": a.book_count} for a in authors]})

urlpatterns = [
    path("books/", book_list),
    path("authors/popular/", popular_authors),
]

django_setup.migrate()
