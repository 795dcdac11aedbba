import io
import sys
import types
import unittest

import main  # your file configures Django

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.test import TestCase, override_settings
from django.urls import path

from main import Note


def run_learner_tests(urlconf=None):
    """Run NoteTests, optionally against a broken app; return (result, report text)."""
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(main.NoteTests)
    stream = io.StringIO()
    runner = unittest.TextTestRunner(stream=stream, verbosity=0)
    if urlconf is None:
        result = runner.run(suite)
    else:
        with override_settings(ROOT_URLCONF=urlconf):
            result = runner.run(suite)
    return result, stream.getvalue()


def broken_app(name, note_list=main.note_list, note_detail=main.note_detail):
    module = types.ModuleType(name)
    module.urlpatterns = [
        path("notes/", note_list, name="note-list"),
        path("notes/<int:pk>/", note_detail, name="note-detail"),
    ]
    sys.modules[name] = module
    return name


def list_shows_nothing(request):
    if request.method == "POST":
        return main.note_list(request)
    return render(request, "notes.html", {"notes": Note.objects.none()})


def post_forgets_to_save(request):
    if request.method == "POST":
        if not request.POST.get("text", "").strip():
            return HttpResponse("Text is required.", status=400)
        return redirect("/notes/")
    return main.note_list(request)


def post_accepts_empty_text(request):
    if request.method == "POST":
        Note.objects.create(text=request.POST.get("text", ""))
        return redirect("/notes/")
    return main.note_list(request)


def detail_never_404s(request, pk):
    note = Note.objects.filter(pk=pk).first()
    if note is None:
        return JsonResponse({})
    return JsonResponse({"id": note.pk, "text": note.text})


def check_has_tests():
    """NoteTests is a django.test.TestCase with at least 3 tests"""
    tests = getattr(main, "NoteTests", None)
    assert tests is not None, "Expected a class called NoteTests in your file"
    assert issubclass(tests, TestCase), "Expected NoteTests to subclass django.test.TestCase"
    count = unittest.defaultTestLoader.loadTestsFromTestCase(tests).countTestCases()
    assert count >= 3, f"Expected at least 3 test methods (names starting with test_), found {count}"


def check_tests_pass_on_working_app():
    """Your tests all pass against the working app"""
    result, report = run_learner_tests()
    assert result.testsRun > 0, "No tests ran: test method names must start with test_"
    assert result.wasSuccessful(), "Expected your tests to pass against the working app, but some failed:\n" + report[-1500:]


def catches(name, description, **views):
    result, _ = run_learner_tests(broken_app(name, **views))
    assert not result.wasSuccessful(), f"Your tests all passed against an app that {description}. Add a test that fails for that bug."


def check_catches_empty_list():
    """Your tests catch a list page that never shows any notes"""
    catches("broken_list", "never shows any notes on GET /notes/", note_list=list_shows_nothing)


def check_catches_missing_save():
    """Your tests catch a POST that redirects without saving"""
    catches("broken_save", "redirects after POST /notes/ without saving the note", note_list=post_forgets_to_save)


def check_catches_missing_validation():
    """Your tests catch a POST that accepts an empty text"""
    catches("broken_validation", "saves a note with empty text instead of answering 400", note_list=post_accepts_empty_text)


def check_catches_missing_404():
    """Your tests catch a detail view that answers 200 for a missing note"""
    catches("broken_detail", "answers 200 with {} instead of 404 for a missing note", note_detail=detail_never_404s)
