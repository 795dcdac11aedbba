# Shared notes from setUpTestData, URLs from reverse() and the route names, assertNotContains and
# assertJSONEqual, and counts compared before and after.
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

from django.urls import reverse


class NoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = Note.objects.create(text="Feed the cat")
        cls.second = Note.objects.create(text="Book the dentist")

    def test_list_shows_every_note(self):
        response = self.client.get(reverse("note-list"))
        self.assertContains(response, "Feed the cat")
        self.assertContains(response, "Book the dentist")
        self.assertNotContains(response, "No notes yet.")

    def test_list_without_notes(self):
        Note.objects.all().delete()
        self.assertContains(self.client.get(reverse("note-list")), "No notes yet.")

    def test_post_adds_a_note(self):
        before = Note.objects.count()
        response = self.client.post(reverse("note-list"), {"text": "Return library books"})
        self.assertRedirects(response, reverse("note-list"))
        self.assertEqual(Note.objects.count(), before + 1)
        self.assertTrue(Note.objects.filter(text="Return library books").exists())

    def test_blank_text_is_refused(self):
        before = Note.objects.count()
        response = self.client.post(reverse("note-list"), {"text": ""})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Note.objects.count(), before)

    def test_detail(self):
        response = self.client.get(reverse("note-detail", args=[self.first.pk]))
        self.assertJSONEqual(response.content, {"id": self.first.pk, "text": "Feed the cat"})

    def test_detail_of_deleted_note_is_404(self):
        pk = self.second.pk
        Note.objects.filter(pk=pk).delete()
        self.assertEqual(self.client.get(reverse("note-detail", args=[pk])).status_code, 404)
