# The queries live where the views call them: a custom QuerySet method (Book.objects.with_authors())
# and a helper function used by a class-based view, routed through include().
import json

import django_setup

django_setup.configure()

from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.urls import include, path
from django.views import View
from django.views.decorators.http import require_POST


class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"


class BookQuerySet(models.QuerySet):
    def with_authors(self):
        return self.select_related("author")


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")

    objects = BookQuerySet.as_manager()

    class Meta:
        app_label = "exercise"
        ordering = ["title"]


def book_list(request):
    data = [{"title": book.title, "author": book.author.name} for book in Book.objects.with_authors()]
    return JsonResponse({"books": data})


def authors_with_at_least(minimum):
    return (
        Author.objects.annotate(book_count=Count("books"))
        .filter(book_count__gte=minimum)
        .order_by("-book_count", "name")
    )


class PopularAuthors(View):
    def get(self, request):
        data = [{"name": author.name, "books": author.book_count} for author in authors_with_at_least(2)]
        return JsonResponse({"authors": data})


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
    path("authors/", include([path("popular/", PopularAuthors.as_view())])),
]

django_setup.migrate()
