# A regular-expression route (re_path) that only matches digits, converted with int() in the view;
# the status comes from HTTPStatus and the lookup uses dict.get.
from http import HTTPStatus

import django_setup

django_setup.configure()

from django.http import JsonResponse
from django.urls import re_path

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


urlpatterns = [
    re_path(r"^api/books/$", book_list),
    re_path(r"^api/books/(?P<book_id>[0-9]+)/$", book_detail),
]
