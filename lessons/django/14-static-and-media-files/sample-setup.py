# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. Samples run in an empty folder, so this writes there the project the lesson
# builds: mysite/ (the settings and URLs the lesson shows), the shop app (model, form, views, template and
# static files) and assets/. Then it does what `python manage.py shell` does before your first line
# (DJANGO_SETTINGS_MODULE and django.setup()), what the test runner does for Django's test client
# (setup_test_environment), what makemigrations plus migrate would do for the shop_document table, and
# the collectstatic the lesson runs in a shell.
# DJANGO_DEBUG is not set, so DEBUG is False, as in production. Keep the files equal to lesson.md.
# Everything is inside a function so no name leaks into the sample.


def _set_up_project():
    import os
    from pathlib import Path

    files = {
        'mysite/__init__.py': r'''''',
        'mysite/settings.py': r'''import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
SECRET_KEY = "dev-only"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "mysite.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shop",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "assets"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
''',
        'mysite/urls.py': r'''# mysite/urls.py
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path

from shop import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("upload/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.download, name="document"),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # [] unless DEBUG
''',
        'shop/__init__.py': r'''''',
        'shop/models.py': r'''# shop/models.py
import uuid
from pathlib import Path

from django.core.validators import FileExtensionValidator
from django.db import models


def document_path(instance, filename):
    # documents/<32 random hex digits>.pdf: the client's name never becomes a path
    return f"documents/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Document(models.Model):
    title = models.CharField(max_length=100)
    file = models.FileField(
        upload_to=document_path,
        validators=[FileExtensionValidator(allowed_extensions=["pdf", "txt"])],
    )
''',
        'shop/forms.py': r'''# shop/forms.py
from django import forms

from .models import Document

MAX_UPLOAD_SIZE = 5 * 1024 * 1024  # 5 MB


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_SIZE:  # known without reading the file
            raise forms.ValidationError("The file is larger than 5 MB.")
        return upload
''',
        'shop/views.py': r'''# shop/views.py
from pathlib import Path

from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from .forms import DocumentForm
from .models import Document


def upload(request):
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            document = form.save()
            return redirect("document", pk=document.pk)
    else:
        form = DocumentForm()
    return render(request, "shop/upload.html", {"form": form})


def download(request, pk):
    document = get_object_or_404(Document, pk=pk)
    name = slugify(document.title) + Path(document.file.name).suffix
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
''',
        'shop/templates/shop/upload.html': r'''<!-- shop/templates/shop/upload.html -->
{% load static %}
<link rel="stylesheet" href="{% static 'shop/site.css' %}">
<form method="post" enctype="multipart/form-data">
  {% csrf_token %}
  {{ form.as_p }}
  <button>Upload</button>
</form>
''',
        'shop/static/shop/site.css': r'''body { margin: 0 auto; max-width: 40rem; font-family: system-ui, sans-serif; }
.logo { display: block; width: 8rem; height: 2rem; background: url("logo.svg") no-repeat; }
form p { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 1rem; }
''',
        'shop/static/shop/logo.svg': r'''<svg xmlns="http://www.w3.org/2000/svg" width="128" height="32"><text x="0" y="24">Shop</text></svg>
''',
        'assets/base.css': r''':root { --brand: #0c4b33; --text: #1f2933; }
''',
    }
    for name, text in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")

    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from shop.models import Document

    call_command("collectstatic", interactive=False, verbosity=0)  # the lesson runs it in the shell
    setup_test_environment()
    with connection.schema_editor() as editor:
        editor.create_model(Document)


_set_up_project()
del _set_up_project
