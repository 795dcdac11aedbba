# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. The samples import notes_flask, notes_django and notes_fastapi, which the
# lesson asks you to save beside them; samples run in an empty folder, so this writes the three files
# there. They are the lesson's three files with the model answer's DELETE changes already made (the
# Flask and FastAPI delete_note functions added, Django's note_detail replaced and HttpResponse
# imported), which try_delete.py's output needs. try_all.py sends no DELETE, and it prints the same
# with or without those changes. Keep these in step with the lesson's code blocks.


def _write_notes_apps():
    import pathlib

    pathlib.Path("notes_flask.py").write_text(
        '''from itertools import count

from flask import Flask, request

app = Flask(__name__)
NOTES: dict[int, dict] = {}
next_id = count(1)


@app.get("/notes")
def list_notes():
    return {"notes": list(NOTES.values())}


@app.post("/notes")
def create_note():
    data = request.get_json(silent=True)
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text.strip():
        return {"error": "text must be a non-empty string"}, 400
    note = {"id": next(next_id), "text": text.strip()}
    NOTES[note["id"]] = note
    return note, 201


@app.get("/notes/<int:note_id>")
def get_note(note_id):
    if note_id not in NOTES:
        return {"error": "note not found"}, 404
    return NOTES[note_id]


@app.delete("/notes/<int:note_id>")
def delete_note(note_id):
    if NOTES.pop(note_id, None) is None:
        return {"error": "note not found"}, 404
    return "", 204
'''
    )
    pathlib.Path("notes_django.py").write_text(
        '''import json
from itertools import count

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["testserver", "localhost"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="example-only-not-secret",
    MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
)

import django  # noqa: E402  (settings must exist before Django is set up)

django.setup()

from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_GET, require_http_methods  # noqa: E402

NOTES: dict[int, dict] = {}
next_id = count(1)


@csrf_exempt  # a JSON API for token-authenticated clients, not browser forms
@require_http_methods(["GET", "POST"])
def notes(request):
    if request.method == "GET":
        return JsonResponse({"notes": list(NOTES.values())})
    try:
        data = json.loads(request.body)
    except json.JSONDecodeError:
        data = None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text.strip():
        return JsonResponse({"error": "text must be a non-empty string"}, status=400)
    note = {"id": next(next_id), "text": text.strip()}
    NOTES[note["id"]] = note
    return JsonResponse(note, status=201)


@csrf_exempt  # DELETE is checked for a CSRF token just like POST
@require_http_methods(["GET", "DELETE"])
def note_detail(request, note_id):
    if note_id not in NOTES:
        return JsonResponse({"error": "note not found"}, status=404)
    if request.method == "DELETE":
        del NOTES[note_id]
        return HttpResponse(status=204)
    return JsonResponse(NOTES[note_id])


urlpatterns = [
    path("notes", notes),
    path("notes/<int:note_id>", note_detail),
]
'''
    )
    pathlib.Path("notes_fastapi.py").write_text(
        '''from itertools import count
from typing import Annotated

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, StringConstraints

app = FastAPI()
NOTES: dict[int, dict] = {}
next_id = count(1)


class NoteIn(BaseModel):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Note(BaseModel):
    id: int
    text: str


class NoteList(BaseModel):
    notes: list[Note]


@app.get("/notes")
def list_notes() -> NoteList:
    return NoteList(notes=list(NOTES.values()))


@app.post("/notes", status_code=201)
def create_note(body: NoteIn) -> Note:
    note = {"id": next(next_id), "text": body.text}
    NOTES[note["id"]] = note
    return Note(**note)


@app.get("/notes/{note_id}")
def get_note(note_id: int) -> Note:
    if note_id not in NOTES:
        raise HTTPException(status_code=404, detail="note not found")
    return Note(**NOTES[note_id])


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int) -> None:
    if NOTES.pop(note_id, None) is None:
        raise HTTPException(status_code=404, detail="note not found")
'''
    )


_write_notes_apps()
del _write_notes_apps
