"""Runs the learner's NoteTests against the notes app and against broken copies of it.

The apps are defined here, not taken from main.py: the working copy is the app the exercise gives,
and each broken copy has one bug the learner's tests should catch. Each run happens inside a
transaction that is rolled back, on a notes table emptied first (as a test database would be) and
with ids that no longer start at 1.
"""

import io
import sys
import types
import unittest

from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.test import TestCase, override_settings
from django.urls import path

import main

Note = main.Note


def working_list(request):
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        if not text:
            return HttpResponse("Text is required.", status=400)
        Note.objects.create(text=text)
        return redirect("/notes/")
    return render(request, "notes.html", {"notes": Note.objects.all()})


def working_detail(request, pk):
    note = get_object_or_404(Note, pk=pk)
    return JsonResponse({"id": note.pk, "text": note.text})


def list_shows_nothing(request):
    if request.method == "POST":
        return working_list(request)
    return render(request, "notes.html", {"notes": Note.objects.none()})


def post_forgets_to_save(request):
    if request.method == "POST":
        if not request.POST.get("text", "").strip():
            return HttpResponse("Text is required.", status=400)
        return redirect("/notes/")
    return working_list(request)


def post_accepts_empty_text(request):
    if request.method == "POST":
        Note.objects.create(text=request.POST.get("text", ""))
        return redirect("/notes/")
    return working_list(request)


def detail_never_404s(request, pk):
    note = Note.objects.filter(pk=pk).first()
    if note is None:
        return JsonResponse({})
    return JsonResponse({"id": note.pk, "text": note.text})


VARIANTS = {
    "working": {},
    "list_shows_nothing": {"note_list": list_shows_nothing},
    "post_forgets_to_save": {"note_list": post_forgets_to_save},
    "post_accepts_empty_text": {"note_list": post_accepts_empty_text},
    "detail_never_404s": {"note_detail": detail_never_404s},
}


def urlconf(name):
    views = {"note_list": working_list, "note_detail": working_detail, **VARIANTS[name]}
    module = types.ModuleType(f"crossroads_notes_{name}")
    module.urlpatterns = [
        path("notes/", views["note_list"], name="note-list"),
        path("notes/<int:pk>/", views["note_detail"], name="note-detail"),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


class Discard(Exception):
    pass


def probe_test_case():
    tests = getattr(main, "NoteTests", None)
    if not isinstance(tests, type):
        return {"exists": False}
    is_test_case = issubclass(tests, TestCase)
    count = unittest.defaultTestLoader.loadTestsFromTestCase(tests).countTestCases() if is_test_case else 0
    return {"exists": True, "test_case": is_test_case, "count": count}


def probe_run_tests(variant):
    """Runs NoteTests against one variant; returns whether every test passed, how many ran, and the report."""
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(main.NoteTests)
    stream = io.StringIO()
    outcome = {}
    try:
        with transaction.atomic():
            # An empty table whose ids have moved on, as on a test database other tests already used.
            Note.objects.all().delete()
            Note.objects.bulk_create([Note(text="placeholder") for _ in range(3)])
            Note.objects.all().delete()
            with override_settings(ROOT_URLCONF=urlconf(variant)):
                result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
            outcome = {"passed": result.wasSuccessful(), "ran": result.testsRun, "report": stream.getvalue()[-1500:]}
            raise Discard
    except Discard:
        pass
    return outcome
