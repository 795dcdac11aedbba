import secrets
import tempfile

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
from django.core.files.storage import default_storage
from django.db import models
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from django.urls import path

MAX_SIZE = 1024 * 1024  # 1 MB


def extension_of(name):
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


class Document(models.Model):
    file = models.FileField()

    class Meta:
        app_label = "exercise"


class UploadForm(forms.Form):
    file = forms.FileField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if extension_of(upload.name) not in ("pdf", "txt"):
            raise forms.ValidationError("Only .pdf and .txt files are accepted.")
        seen = 0
        for piece in upload.chunks(64 * 1024):
            seen += len(piece)
        if seen > MAX_SIZE:
            raise forms.ValidationError("The file is larger than 1 MB.")
        return upload


class NewDocument(View):
    def get(self, request):
        return render(request, "documents/new.html", {"form": UploadForm()})

    def post(self, request):
        form = UploadForm(data=request.POST, files=request.FILES)
        if not form.is_valid():
            return render(request, "documents/new.html", {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        head = upload.read(8)  # a bounded peek (at a file signature, say) never holds the whole file
        upload.seek(0)
        stored = default_storage.save(f"documents/{secrets.token_urlsafe(18)}.{upload.name.rsplit('.', 1)[1]}", upload)
        document = Document.objects.create(file=stored)
        response = HttpResponse(status=303)
        response["Location"] = f"/documents/{document.id}/"
        return response


class DocumentDetail(View):
    def get(self, request, pk):
        document = get_object_or_404(Document, id=pk)
        return JsonResponse({"id": document.id, "name": document.file.name, "size": document.file.size,
                             "download_url": f"/documents/{document.id}/download/"})


class Download(View):
    def get(self, request, pk):
        document = get_object_or_404(Document, id=pk)
        response = StreamingHttpResponse(document.file.open("rb").chunks(), content_type="application/octet-stream")
        response["Content-Disposition"] = 'attachment; filename="document.' + document.file.name.rsplit(".", 1)[1] + '"'
        return response


urlpatterns = [
    path("documents/new/", NewDocument.as_view()),
    path("documents/<int:pk>/", DocumentDetail.as_view()),
    path("documents/<int:pk>/download/", Download.as_view()),
]

django_setup.migrate()
