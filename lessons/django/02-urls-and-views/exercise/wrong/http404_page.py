# Raises Http404 for an unknown id: the status is right, but the body is Django's HTML page, not the
# JSON error the API promises. The list also follows the dict's insertion order, not id order.
import json

import django_setup

django_setup.configure()

from django.http import Http404, JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

BOOKS = {
    1: {"title": "Dune", "author": "Frank Herbert"},
    2: {"title": "Emma", "author": "Jane Austen"},
    3: {"title": "Kindred", "author": "Octavia E. Butler"},
}


def book_list(request):
    return JsonResponse([{"id": i, **book} for i, book in BOOKS.items()], safe=False)


def book_detail(request, book_id):
    if book_id not in BOOKS:
        raise Http404(f"Book {book_id} not found")
    return JsonResponse({"id": book_id, **BOOKS[book_id]})


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
