# Escapes by hand instead of using a parameter: quotes doubled, and \, % and _ escaped for LIKE ... ESCAPE.
# Every search behaves on SQLite today, but the text is still part of the SQL string: one missed
# case (another database's escaping rules, a new special character) and the hole is open again.
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


def escape_by_hand(text):
    text = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return text.replace("'", "''")


def search(request):
    q = escape_by_hand(request.GET.get("q", ""))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT title FROM exercise_book WHERE published AND title LIKE '%{q}%' ESCAPE '\\' ORDER BY title")
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
