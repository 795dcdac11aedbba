# Wrong: reads the whole upload into memory through the form's self.files to measure it.
import tempfile
import uuid
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
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

MAX_SIZE = 1024 * 1024  # 1 MB


def document_path(instance, filename):
    # A name we make: random hex and the extension, never the client's file name.
    return f"documents/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Document(models.Model):
    file = models.FileField(
        upload_to=document_path,
        validators=[FileExtensionValidator(["pdf", "txt"], message="Only .pdf and .txt files are accepted.")],
    )

    class Meta:
        app_label = "exercise"


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if len(self.files["file"].read()) > MAX_SIZE:  # counted while Django received it: no need to read it
            raise forms.ValidationError("The file is larger than 1 MB.")
        return upload


def new_document(request):
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            document = form.save()
            return redirect("document", pk=document.pk)
        status = 400
    else:
        form = DocumentForm()
    return render(request, "documents/new.html", {"form": form}, status=status)


def document_detail(request, pk):
    document = get_object_or_404(Document, pk=pk)
    return JsonResponse({
        "id": document.pk,
        "name": document.file.name,
        "size": document.file.size,
        "download_url": reverse("document-download", args=[document.pk]),
    })


def download(request, pk):
    document = get_object_or_404(Document, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True)


urlpatterns = [
    path("documents/new/", new_document),
    path("documents/<int:pk>/", document_detail, name="document"),
    path("documents/<int:pk>/download/", download, name="document-download"),
]

django_setup.migrate()
