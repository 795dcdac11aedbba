# Copies the project layout's entry, "notes.apps.NotesConfig": there is no notes package in this
# one-file project, so Django cannot import it and the project does not start.
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
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "notes.apps.NotesConfig",
    ],
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
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_POST


# Given: the app's model (notes/models.py in a project).
class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField()

    class Meta:
        app_label = "notes"


def note_list(request):
    notes = Note.objects.order_by("id")
    return render(request, "notes/list.html", {"notes": notes})


def note_detail(request, note_id):
    note = get_object_or_404(Note, id=note_id)
    return render(request, "notes/detail.html", {"note": note})


# Given: the checks add notes of their own through this view. Leave it as it is.
@require_POST
def seed_note(request):
    data = json.loads(request.body)
    note = Note.objects.create(id=data["id"], title=data["title"], body=data["body"])
    return JsonResponse({"id": note.id}, status=201)


urlpatterns = [
    path("seed/notes/", seed_note),
    path("notes/", note_list),
    path("notes/<int:note_id>/", note_detail),
]

django_setup.create_tables(Note)
