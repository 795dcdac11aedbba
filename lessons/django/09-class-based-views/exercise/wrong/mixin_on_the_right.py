# LoginRequiredMixin after CreateView: CreateView's dispatch runs first, so the login check never
# runs and anyone can add books.
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
from django.urls import path
from django.views.generic import CreateView, DetailView, ListView


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"

    def __str__(self):
        return self.title


class BookListView(ListView):
    model = Book
    ordering = ["title"]
    paginate_by = 2
    template_name = "books/list.html"


class BookDetailView(DetailView):
    model = Book
    template_name = "books/detail.html"


class BookCreateView(CreateView, LoginRequiredMixin):
    model = Book
    fields = ["title", "author"]
    success_url = "/books/"
    template_name = "books/form.html"


urlpatterns = [
    path("books/", BookListView.as_view()),
    path("books/<int:pk>/", BookDetailView.as_view()),
    path("books/new/", BookCreateView.as_view()),
]

django_setup.migrate()
