# JSON written with json.dumps into an HttpResponse, a KeyError turned into the 404, and a list
# built from the sorted items.
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


def json_response(data, status=200):
    return HttpResponse(json.dumps(data), content_type="application/json", status=status)


def book_list(request):
    return json_response([{"id": book_id, **book} for book_id, book in sorted(BOOKS.items())])


def book_detail(request, book_id):
    try:
        book = BOOKS[book_id]
    except KeyError:
        return json_response({"error": f"Book {book_id} not found"}, status=404)
    return json_response({"id": book_id, "title": book["title"], "author": book["author"]})


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
