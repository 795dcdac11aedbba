import json

import django_setup

django_setup.configure()

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

BOOKS = {
    1: {"title": "Dune", "author": "Frank Herbert"},
    2: {"title": "Emma", "author": "Jane Austen"},
    3: {"title": "Kindred", "author": "Octavia E. Butler"},
}


def book_list(request):
    # TODO: return every book as a JSON list of {"id", "title", "author"} objects
    return JsonResponse({})


def book_detail(request, book_id):
    # TODO: return the book as JSON, or a 404 with a JSON error
    return HttpResponse(str(BOOKS[book_id]))


# Given: the checks add books of their own through this view. Leave it as it is.
@require_POST
def seed_book(request):
    data = json.loads(request.body)
    BOOKS[data["id"]] = {"title": data["title"], "author": data["author"]}
    return JsonResponse({"id": data["id"]}, status=201)


urlpatterns = [
    path("seed/books/", seed_book),
    path("api/books/", book_list),
    path("api/books/<book_id>/", book_detail),
]
