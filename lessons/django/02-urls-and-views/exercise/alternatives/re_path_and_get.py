# A regular-expression route (re_path) that only matches digits, converted with int() in the view;
# the status comes from HTTPStatus and the lookup uses dict.get.
import json
from http import HTTPStatus

import django_setup

django_setup.configure()

from django.http import JsonResponse
from django.urls import re_path
from django.views.decorators.http import require_POST

BOOKS = {
    1: {"title": "Dune", "author": "Frank Herbert"},
    2: {"title": "Emma", "author": "Jane Austen"},
    3: {"title": "Kindred", "author": "Octavia E. Butler"},
}


def book_list(request):
    books = []
    for book_id in sorted(BOOKS):
        books.append({"id": book_id, "title": BOOKS[book_id]["title"], "author": BOOKS[book_id]["author"]})
    return JsonResponse(books, safe=False)


def book_detail(request, book_id):
    book_id = int(book_id)
    book = BOOKS.get(book_id)
    if book is None:
        return JsonResponse({"error": f"Book {book_id} not found"}, status=HTTPStatus.NOT_FOUND)
    return JsonResponse({"id": book_id, **book})


# Given: the checks add books of their own through this view. Leave it as it is.
@require_POST
def seed_book(request):
    data = json.loads(request.body)
    BOOKS[data["id"]] = {"title": data["title"], "author": data["author"]}
    return JsonResponse({"id": data["id"]}, status=201)


urlpatterns = [
    re_path(r"^seed/books/$", seed_book),
    re_path(r"^api/books/$", book_list),
    re_path(r"^api/books/(?P<book_id>[0-9]+)/$", book_detail),
]
