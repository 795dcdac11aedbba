import tempfile

import django_setup

django_setup.configure(
    MEDIA_ROOT=tempfile.mkdtemp(prefix="media-"),  # given: a new, empty folder for every run
    MEDIA_URL="/media/",
    templates={
        "documents/new.html": """<h1>Upload a document</h1>
<form method="post">
  {% csrf_token %}
  {{ form.as_p }}
  <button type="submit">Upload</button>
</form>""",
    },
)

from django import forms
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

MAX_SIZE = 1024 * 1024  # 1 MB


class Document(models.Model):
    # TODO: store each file as documents/<random name>.<extension>, never under the client's file name
    file = models.FileField(upload_to="documents/")

    class Meta:
        app_label = "exercise"


class DocumentForm(forms.ModelForm):
    # TODO: accept only .pdf and .txt files of at most MAX_SIZE bytes
    class Meta:
        model = Document
        fields = ["file"]


def new_document(request):
    # TODO: on POST, validate the form with request.POST and request.FILES, save the document and
    # redirect to its page; show the form again with status 400 when it is not valid
    form = DocumentForm()
    return render(request, "documents/new.html", {"form": form})


def document_detail(request, pk):
    document = get_object_or_404(Document, pk=pk)
    # TODO: add "name" (the stored name), "size" (in bytes) and "download_url"
    return JsonResponse({"id": document.pk})


# TODO: a download view that sends the file as an attachment, and its URL below


urlpatterns = [
    path("documents/new/", new_document),
    path("documents/<int:pk>/", document_detail, name="document"),
]

django_setup.migrate()
