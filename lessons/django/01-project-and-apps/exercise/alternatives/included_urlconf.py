# The app's routes in their own list, mounted under /notes/ with include() and an app namespace, as
# mysite/urls.py does with include("notes.urls"); pages rendered with render_to_string.
import json

import django_setup
from django.apps import AppConfig


# Given: what startapp writes in notes/apps.py.
class NotesConfig(AppConfig):
    # In a project this class lives in notes/apps.py. Here the app's code is this file, "main".
    name = "main"
    label = "notes"
    verbose_name = "Notes"
    default_auto_field = "django.db.models.BigAutoField"


# This call is the project's settings.py.
django_setup.configure(
    DEBUG=False,
    INSTALLED_APPS=(
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "main.NotesConfig",
    ),
    templates={  # given: the app's two templates (notes/templates/notes/ in a project)
        "notes/list.html": (
            "<h1>Notes</h1><ul>{% for note in notes %}"
            '<li><a href="/notes/{{ note.id }}/">{{ note.title }}</a></li>'
            "{% empty %}<li>No notes yet.</li>{% endfor %}</ul>"
        ),
        "notes/detail.html": "<h1>{{ note.title }}</h1><p>{{ note.body }}</p>",
    },
)

from django.db import models
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import include, path
from django.views.decorators.http import require_GET, require_POST


# Given: the app's model (notes/models.py in a project).
class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField()

    class Meta:
        app_label = "notes"


@require_GET
def note_list(request):
    html = render_to_string("notes/list.html", {"notes": Note.objects.all().order_by("id")}, request)
    return HttpResponse(html)


@require_GET
def note_detail(request, note_id):
    note = get_object_or_404(Note.objects.all(), pk=note_id)
    return HttpResponse(render_to_string("notes/detail.html", {"note": note}, request))


# Given: the checks add notes of their own through this view. Leave it as it is.
@require_POST
def seed_note(request):
    data = json.loads(request.body)
    note = Note.objects.create(id=data["id"], title=data["title"], body=data["body"])
    return JsonResponse({"id": note.id}, status=201)


# What notes/urls.py would hold.
notes_urlpatterns = [
    path("", note_list, name="list"),
    path("<int:note_id>/", note_detail, name="detail"),
]

urlpatterns = [
    path("seed/notes/", seed_note),
    path("notes/", include((notes_urlpatterns, "notes"))),
]

django_setup.create_tables(Note)
