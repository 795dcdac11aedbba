# The settings in a dict unpacked into configure(), the app's entry built from the class itself, and
# class-based views on django.views.View with a get() method each.
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
SETTINGS = dict(
    DEBUG=False,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        f"{NotesConfig.__module__}.{NotesConfig.__name__}",
    ],
)
django_setup.configure(
    **SETTINGS,
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
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views import View
from django.urls import path
from django.views.decorators.http import require_POST


# Given: the app's model (notes/models.py in a project).
class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField()

    class Meta:
        app_label = "notes"


class NoteListView(View):
    def get(self, request):
        return render(request, "notes/list.html", {"notes": Note.objects.order_by("id")})


class NoteDetailView(View):
    def get(self, request, note_id):
        note = Note.objects.filter(id=note_id).first()
        if note is None:
            raise Http404("No such note")
        return render(request, "notes/detail.html", {"note": note})


# Given: the checks add notes of their own through this view. Leave it as it is.
@require_POST
def seed_note(request):
    data = json.loads(request.body)
    note = Note.objects.create(id=data["id"], title=data["title"], body=data["body"])
    return JsonResponse({"id": note.id}, status=201)


urlpatterns = [
    path("seed/notes/", seed_note),
    path("notes/", NoteListView.as_view()),
    path("notes/<int:note_id>/", NoteDetailView.as_view()),
]

django_setup.create_tables(Note)
