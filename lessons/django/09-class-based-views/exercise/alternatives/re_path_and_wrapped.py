# re_path() routes, a decorator around .as_view() and name= keywords: django_view_for still finds each generic view (passes; kept for coverage).
import django_setup

django_setup.configure(templates={
    "books/list.html": (
        '<ul>{% for book in book_list %}<li><a href="/books/{{ book.pk }}/">{{ book.title }}</a></li>{% endfor %}</ul>'
        "<p>Page {{ page_obj.number }} of {{ page_obj.paginator.num_pages }}</p>"
    ),
    "books/detail.html": "<h1>{{ book.title }}</h1><p>by {{ book.author }}</p>",
    "books/form.html": '<form method="post">{% csrf_token %}{{ form.as_p }}<button>Save</button></form>',
})

from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import User
from django.db import models
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
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


class BookCreateView(LoginRequiredMixin, CreateView):
    model = Book
    fields = ["title", "author"]
    success_url = "/books/"
    template_name = "books/form.html"


# Given (keep it): the checks make an account here, signed in at once, before they add books.
@require_POST
def sign_up(request):
    user = User.objects.create_user(request.POST["username"], password=request.POST["password"])
    login(request, user)
    return HttpResponse(status=204)


urlpatterns = [
    path("signup/", sign_up),  # given
    re_path(r"^books/$", BookListView.as_view(), name="book-list"),
    path("books/new/", never_cache(BookCreateView.as_view()), name="book-create"),
    re_path(r"^books/(?P<pk>[0-9]+)/$", BookDetailView.as_view(), name="book-detail"),
]

django_setup.migrate()
