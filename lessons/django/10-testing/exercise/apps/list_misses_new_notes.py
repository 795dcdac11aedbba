# Bug: lists on GET /notes/ only the notes it held when it started, never one added later (a cached list that a POST does not clear)
import random

import django_setup

django_setup.configure(
    templates={
        "notes.html": "<ul>{% for note in notes %}<li>{{ note.text }}</li>{% empty %}<li>No notes yet.</li>{% endfor %}</ul>",
    },
    ROOT_URLCONF=__name__,
)

from django.db import models
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


class Note(models.Model):
    text = models.CharField(max_length=200)

    class Meta:
        app_label = "exercise"
        ordering = ["pk"]


CACHED_NOTES = []  # filled once when the app starts (below); saving a note never refreshes it


@csrf_exempt
def note_list(request):
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        if not text:
            return HttpResponse("Text is required.", status=400)
        note = Note.objects.create(text=text)
        return redirect(f"/notes/{note.pk}/")
    return render(request, "notes.html", {"notes": CACHED_NOTES})


def note_detail(request, pk):
    note = get_object_or_404(Note, pk=pk)
    return JsonResponse({"id": note.pk, "text": note.text})


urlpatterns = [
    path("notes/", note_list, name="note-list"),
    path("notes/<int:pk>/", note_detail, name="note-detail"),
]

django_setup.create_tables(Note)
# A database that has been used before, differently on every run: ids do not start at 1 and a few
# older notes are still there.
Note.objects.bulk_create([Note(text=f"Older note {n}") for n in range(random.randint(5, 40))])
kept = random.sample(list(Note.objects.values_list("pk", flat=True)), random.randint(1, 3))
Note.objects.exclude(pk__in=kept).delete()
CACHED_NOTES[:] = Note.objects.all()
