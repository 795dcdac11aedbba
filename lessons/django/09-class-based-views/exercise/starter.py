import django_setup

django_setup.configure(templates={
    "books/list.html": (
        "<ul>{% for book in book_list %}<li>{{ book.title }}</li>{% endfor %}</ul>"
        "<p>Page {{ page_obj.number }} of {{ page_obj.paginator.num_pages }}</p>"
    ),
    "books/detail.html": "<h1>{{ book.title }}</h1><p>by {{ book.author }}</p>",
    "books/form.html": '<form method="post">{% csrf_token %}{{ form.as_p }}<button>Save</button></form>',
})

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.http import HttpResponse
from django.urls import path
from django.views.generic import CreateView, DetailView, ListView


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"

    def __str__(self):
        return self.title


# TODO: replace these placeholders with ListView, DetailView and CreateView subclasses
def book_list(request):
    return HttpResponse("TODO: list of books")


def book_detail(request, pk):
    return HttpResponse("TODO: one book")


def book_create(request):
    return HttpResponse("TODO: a form")


urlpatterns = [
    path("books/", book_list),
    path("books/<int:pk>/", book_detail),
    path("books/new/", book_create),
]

django_setup.migrate()
