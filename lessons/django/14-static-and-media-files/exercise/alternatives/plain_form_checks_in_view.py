import secrets
import tempfile
from pathlib import Path

import django_setup

django_setup.configure(
    MEDIA_ROOT=tempfile.mkdtemp(prefix="media-"),  # given: a new, empty folder for every run
    MEDIA_URL="/media/",
    templates={
        "documents/new.html": """<h1>Upload a document</h1>
<form method="post" enctype="multipart/form-data">
  {% csrf_token %}
  {{ form.as_p }}
  <button type="submit">Upload</button>
</form>""",
    },
)

from django import forms
from django.db import models
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path

MAX_SIZE = 1024 * 1024  # 1 MB
ALLOWED = {".pdf", ".txt"}


class Document(models.Model):
    file = models.FileField(upload_to="documents/")

    class Meta:
        app_label = "exercise"


class UploadForm(forms.Form):
    file = forms.FileField()


def new_document(request):
    if request.method != "POST":
        return render(request, "documents/new.html", {"form": UploadForm()})
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        extension = Path(upload.name).suffix.lower()
        if extension not in ALLOWED:
            form.add_error("file", "Only .pdf and .txt files are accepted.")
        elif upload.size > MAX_SIZE:
            form.add_error("file", "The file is larger than 1 MB.")
        else:
            upload.name = secrets.token_hex(16) + extension  # our name replaces the client's
            document = Document.objects.create(file=upload)
            return redirect(f"/documents/{document.pk}/")
    return render(request, "documents/new.html", {"form": form}, status=400)


def find(pk):
    document = Document.objects.filter(pk=pk).first()
    if document is None:
        raise Http404("No such document")
    return document


def document_detail(request, pk):
    document = find(pk)
    return JsonResponse({"id": document.pk, "name": document.file.name, "size": document.file.size,
                         "download_url": f"/documents/{document.pk}/download/"})


def download(request, pk):
    document = find(pk)
    extension = Path(document.file.name).suffix
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"document-{document.pk}{extension}")


urlpatterns = [
    path("documents/new/", new_document),
    path("documents/<int:pk>/", document_detail),
    path("documents/<int:pk>/download/", download),
]

django_setup.migrate()
