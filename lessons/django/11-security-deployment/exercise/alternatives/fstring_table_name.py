# Raw SQL that takes the table name from the model (Book._meta.db_table) in an f-string: the only thing
# the f-string inserts is fixed by the code, and the search text goes in the parameter list.
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
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT title FROM {Book._meta.db_table} WHERE published AND title LIKE %s ESCAPE '\\' ORDER BY title",
            [like_pattern(q)],
        )
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
