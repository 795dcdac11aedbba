# Review finding (a), now accepted: fixed SQL held in a class attribute (self.sql) that only the class body sets, with %s and a parameter list.
import django_setup

django_setup.configure()

from django.db import connection, models
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


class Book(models.Model):
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)

    class Meta:
        app_label = "exercise"  # the table is called exercise_book


def like_pattern(text):
    """A LIKE pattern that matches text anywhere, with LIKE's special characters escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BookSearch:
    """Keeps the query next to the code that runs it."""

    sql = "SELECT title FROM exercise_book WHERE published AND title LIKE %s ESCAPE '\\' ORDER BY title"

    def titles(self, q):
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [like_pattern(q)])
            return [row[0] for row in cursor.fetchall()]


def search(request):
    return JsonResponse({"results": BookSearch().titles(request.GET.get("q", ""))})


# Given (keep it): the checks add the books they search for here.
@require_POST
def add_book(request):
    book = Book.objects.create(title=request.POST["title"], published=request.POST.get("published") == "yes")
    return JsonResponse({"id": book.pk}, status=201)


urlpatterns = [
    path("books/", add_book),  # given
    path("search/", search),
]

django_setup.migrate()
