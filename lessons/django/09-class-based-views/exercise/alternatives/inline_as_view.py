# No subclasses at all: the generic views are configured in the URLconf through as_view()'s
# keyword arguments, reached through the django.views.generic module under another name.
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
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import models
from django.http import HttpResponse
from django.urls import path
from django.views import generic as views
from django.views.decorators.http import require_POST


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"

    def __str__(self):
        return self.title


# Given (keep it): the checks make an account here, signed in at once, before they add books.
@require_POST
def sign_up(request):
    user = User.objects.create_user(request.POST["username"], password=request.POST["password"])
    login(request, user)
    return HttpResponse(status=204)


book_list = views.ListView.as_view(model=Book, ordering="title", paginate_by=2, template_name="books/list.html")

urlpatterns = [
    path("signup/", sign_up),  # given
    path("books/", book_list),
    path("books/<int:pk>/", views.DetailView.as_view(model=Book, template_name="books/detail.html")),
    path(
        "books/new/",
        login_required(
            views.CreateView.as_view(model=Book, fields=["title", "author"], success_url="/books/", template_name="books/form.html")
        ),
    ),
]

django_setup.migrate()
