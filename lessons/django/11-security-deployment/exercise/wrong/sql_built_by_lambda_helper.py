# Builds the SQL in a small lambda helper that glues the (hand-escaped) search text into the query.
# The call site looks tidy, execute(build_sql(q)), but the text is still part of the SQL string.
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


build_sql = lambda text: (
    "SELECT title FROM exercise_book WHERE published AND title LIKE '%"
    + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("'", "''")
    + "%' ESCAPE '\\' ORDER BY title"
)


def search(request):
    with connection.cursor() as cursor:
        cursor.execute(build_sql(request.GET.get("q", "")))
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
