# Review finding (a), now accepted: two fixed SQL constants picked with `A if q else B`; the search text is always a parameter.
# Two fixed queries, picked with a conditional expression: the search text is always a parameter.
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


SEARCH_SQL = "SELECT title FROM exercise_book WHERE published AND title LIKE %s ESCAPE '\\' ORDER BY title"
ALL_SQL = "SELECT title FROM exercise_book WHERE published ORDER BY title"


def search(request):
    q = request.GET.get("q", "")
    # An empty search lists every published title; both queries are fixed text with the value as a parameter.
    sql = SEARCH_SQL if q else ALL_SQL
    params = [like_pattern(q)] if q else []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        titles = [row[0] for row in cursor.fetchall()]
    return JsonResponse({"results": titles})


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
