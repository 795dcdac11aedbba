# The anti-pattern for this lesson: function views with a Paginator, get_object_or_404 and a ModelForm.
# Every page behaves, but none of it uses the generic class-based views the exercise is about.
import django_setup

django_setup.configure(templates={
    "books/list.html": (
        '<ul>{% for book in book_list %}<li><a href="/books/{{ book.pk }}/">{{ book.title }}</a></li>{% endfor %}</ul>'
        "<p>Page {{ page_obj.number }} of {{ page_obj.paginator.num_pages }}</p>"
    ),
    "books/detail.html": "<h1>{{ book.title }}</h1><p>by {{ book.author }}</p>",
    "books/form.html": '<form method="post">{% csrf_token %}{{ form.as_p }}<button>Save</button></form>',
})

from django import forms
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"

    def __str__(self):
        return self.title


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title", "author"]


def book_list(request):
    try:
        page_obj = Paginator(Book.objects.order_by("title"), 2).page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("No such page")
    return render(request, "books/list.html", {"book_list": page_obj.object_list, "page_obj": page_obj})


def book_detail(request, pk):
    return render(request, "books/detail.html", {"book": get_object_or_404(Book, pk=pk)})


@login_required
def book_create(request):
    form = BookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("/books/")
    return render(request, "books/form.html", {"form": form})


# Given (keep it): the checks make an account here, signed in at once, before they add books.
@require_POST
def sign_up(request):
    user = User.objects.create_user(request.POST["username"], password=request.POST["password"])
    login(request, user)
    return HttpResponse(status=204)


urlpatterns = [
    path("signup/", sign_up),  # given
    path("books/", book_list),
    path("books/<int:pk>/", book_detail),
    path("books/new/", book_create),
]

django_setup.migrate()
