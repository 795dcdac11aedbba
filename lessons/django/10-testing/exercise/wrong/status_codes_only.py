# Tests that look only at status codes: an empty list page, a POST that saves nothing and a POST
# that accepts empty text all still pass them.
import django_setup

django_setup.configure(templates={
    "notes.html": "<ul>{% for note in notes %}<li>{{ note.text }}</li>{% empty %}<li>No notes yet.</li>{% endfor %}</ul>",
})

from django.db import models
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.test import TestCase
from django.urls import path


# ---- The app under test: do not change it -------------------------------------------------

class Note(models.Model):
    text = models.CharField(max_length=200)

    class Meta:
        app_label = "exercise"
        ordering = ["pk"]


def note_list(request):
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        if not text:
            return HttpResponse("Text is required.", status=400)
        Note.objects.create(text=text)
        return redirect("/notes/")
    return render(request, "notes.html", {"notes": Note.objects.all()})


def note_detail(request, pk):
    note = get_object_or_404(Note, pk=pk)
    return JsonResponse({"id": note.pk, "text": note.text})


urlpatterns = [
    path("notes/", note_list, name="note-list"),
    path("notes/<int:pk>/", note_detail, name="note-detail"),
]

django_setup.migrate()


# ---- Your tests ----------------------------------------------------------------------------

class NoteTests(TestCase):
    def test_list_page_loads(self):
        self.assertEqual(self.client.get("/notes/").status_code, 200)

    def test_post_redirects(self):
        self.assertEqual(self.client.post("/notes/", {"text": "Buy milk"}).status_code, 302)

    def test_missing_note_is_404(self):
        self.assertEqual(self.client.get("/notes/9999/").status_code, 404)
