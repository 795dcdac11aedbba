# Puts the (hand-escaped) search text into the SQL with str.replace() on a fixed template. No f-string,
# % or .format() in sight, but the text still becomes part of the SQL string: one missed escaping
# case and the query changes.
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


SEARCH_SQL = "SELECT title FROM exercise_book WHERE published AND title LIKE '%QUERY%' ESCAPE '\\' ORDER BY title"


def escape_by_hand(text):
    text = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return text.replace("'", "''")


def search(request):
    q = escape_by_hand(request.GET.get("q", ""))
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_SQL.replace("QUERY", q))
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
