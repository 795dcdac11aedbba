# The POST test checks the redirect but never that the note was saved, so an app that forgets to
# save passes every test.
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
    def test_list_shows_notes(self):
        Note.objects.create(text="Buy milk")
        self.assertContains(self.client.get("/notes/"), "Buy milk")

    def test_empty_list(self):
        self.assertContains(self.client.get("/notes/"), "No notes yet.")

    def test_post_redirects(self):
        response = self.client.post("/notes/", {"text": "Water the plants"})
        self.assertRedirects(response, "/notes/")

    def test_empty_text_is_400(self):
        response = self.client.post("/notes/", {"text": ""})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Note.objects.count(), 0)

    def test_missing_note_is_404(self):
        self.assertEqual(self.client.get("/notes/9999/").status_code, 404)
