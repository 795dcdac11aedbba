import tempfile
import uuid

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

import os

from django import forms
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

MAX_SIZE = 1024 * 1024  # 1 MB
only_pdf_and_txt = FileExtensionValidator(["pdf", "txt"], "Only .pdf and .txt files are accepted.")


def by_key(document, filename):
    """The document's own random key names its file."""
    extension = os.path.splitext(filename)[1].lower()
    return f"documents/{document.key.hex}{extension}"


class Document(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=by_key)

    class Meta:
        app_label = "exercise"


class DocumentForm(forms.Form):
    file = forms.FileField(validators=[only_pdf_and_txt])

    def clean_file(self):
        file = self.cleaned_data["file"]
        size = 0
        for chunk in file.chunks():  # counting in chunks also never holds the whole file
            size += len(chunk)
            if size > MAX_SIZE:
                raise forms.ValidationError("The file is larger than 1 MB.")
        return file


def new_document(request):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = Document(file=form.cleaned_data["file"])
        document.save()
        return redirect(reverse("detail", args=[document.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/new.html", {"form": form}, status=status)


def detail(request, pk):
    document = get_object_or_404(Document, pk=pk)
    data = {"id": document.pk, "name": document.file.name, "size": document.file.size}
    data["download_url"] = reverse("download", args=[document.pk])
    return JsonResponse(data)


def download(request, pk):
    document = get_object_or_404(Document, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.key}.{document.file.name.rsplit('.', 1)[-1]}")


urlpatterns = [
    path("documents/new/", new_document),
    path("documents/<int:pk>/", detail, name="detail"),
    path("documents/<int:pk>/download/", download, name="download"),
]

django_setup.migrate()
