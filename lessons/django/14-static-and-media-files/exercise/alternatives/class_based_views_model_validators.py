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

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import CreateView

MAX_SIZE = 1024 * 1024  # 1 MB


def stored_name(instance, filename):
    return "documents/" + secrets.token_urlsafe(24) + Path(filename).suffix.lower()


def at_most_one_megabyte(file):
    if file.size > MAX_SIZE:
        raise ValidationError("The file is larger than 1 MB.")


class Document(models.Model):
    file = models.FileField(
        upload_to=stored_name,
        validators=[
            FileExtensionValidator(allowed_extensions=["pdf", "txt"], message="Only .pdf and .txt files are accepted."),
            at_most_one_megabyte,
        ],
    )

    class Meta:
        app_label = "exercise"


class NewDocument(CreateView):
    model = Document
    fields = ["file"]
    template_name = "documents/new.html"

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_url(self):
        return reverse("document", kwargs={"pk": self.object.pk})


class DocumentDetail(View):
    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        return JsonResponse({
            "id": document.pk,
            "name": document.file.name,
            "size": document.file.size,
            "download_url": request.build_absolute_uri(reverse("download", kwargs={"pk": pk})),
        })


class Download(View):
    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        response = FileResponse(document.file.open("rb"))
        response["Content-Disposition"] = content_disposition_header(True, Path(document.file.name).name)
        return response


urlpatterns = [
    path("documents/new/", NewDocument.as_view()),
    path("documents/<int:pk>/", DocumentDetail.as_view(), name="document"),
    path("documents/<int:pk>/file/", Download.as_view(), name="download"),
]

django_setup.migrate()
