import json

import django_setup

django_setup.configure()

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

BOOKS = {
    1: {"title": "Dune", "author": "Frank Herbert"},
    2: {"title": "Emma", "author": "Jane Austen"},
    3: {"title": "Kindred", "author": "Octavia E. Butler"},
}


def book_as_dict(book_id):
    return {"id": book_id, **BOOKS[book_id]}


def book_list(request):
    data = [book_as_dict(book_id) for book_id in sorted(BOOKS)]
    return JsonResponse(data, safe=False)


def book_detail(request, book_id):
    if book_id not in BOOKS:
        return JsonResponse({"error": f"Book {book_id} not found"}, status=404)
    return JsonResponse(book_as_dict(book_id))


# Given: the checks add books of their own through this view. Leave it as it is.
@require_POST
def seed_book(request):
    data = json.loads(request.body)
    BOOKS[data["id"]] = {"title": data["title"], "author": data["author"]}
    return JsonResponse({"id": data["id"]}, status=201)


urlpatterns = [
    path("seed/books/", seed_book),
    path("api/books/", book_list),
    path("api/books/<int:book_id>/", book_detail),
]
