# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. The samples import notes_api, the one-file project that the lesson builds in
# five parts ("# notes_api.py, part N of 5"). Samples run in an empty folder, so this writes that file
# there. The text below must stay equal to the five parts of lesson.md, in order, joined by blank lines.
# Everything is inside a function so no name leaks into the sample.


def _write_notes_api():
    notes_api = r'''# notes_api.py, part 1 of 5: settings (settings.py in a project)
# A whole DRF project in one file, so that it runs as it is.
import django
from django.conf import settings

settings.configure(
    DEBUG=True,
    SECRET_KEY="dev-only",
    ALLOWED_HOSTS=["testserver"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "rest_framework",
        "rest_framework.authtoken",  # the Token model (run migrate)
    ],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
        "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
        "PAGE_SIZE": 2,
    },
)
django.setup()


# notes_api.py, part 2 of 5: the model (notes/models.py) and its serializer (notes/serializers.py)
from django.contrib.auth.models import User
from django.db import models
from rest_framework import serializers


class Note(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notes")
    title = models.CharField(max_length=80)
    body = models.TextField(blank=True)
    pinned = models.BooleanField(default=False)

    class Meta:
        app_label = "notes"


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "owner", "title", "body", "pinned"]
        read_only_fields = ["owner"]

    def validate_title(self, value):  # one field: runs after the field's own checks
        if value.isupper():
            raise serializers.ValidationError("Please don't shout in the title.")
        return value

    def validate(self, data):  # the whole object: runs once every field is valid
        if data.get("pinned") and not data.get("body"):
            raise serializers.ValidationError("A pinned note needs a body.")
        return data


# notes_api.py, part 3 of 5: an object permission (notes/permissions.py)
from rest_framework import permissions


class IsOwnerOrReadOnly(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:  # GET, HEAD, OPTIONS
            return True
        return obj.owner == request.user


# notes_api.py, part 4 of 5: the viewset (notes/views.py)
from rest_framework import viewsets


class NoteViewSet(viewsets.ModelViewSet):
    queryset = Note.objects.order_by("id")
    serializer_class = NoteSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


# notes_api.py, part 5 of 5: URLs (urls.py) and tables
from django.core.management import call_command
from django.db import connection
from django.urls import path
from rest_framework import routers
from rest_framework.authtoken.views import obtain_auth_token

router = routers.DefaultRouter()
router.register("notes", NoteViewSet)
urlpatterns = [path("api-token-auth/", obtain_auth_token), *router.urls]

# In a project: python manage.py makemigrations, then python manage.py migrate
call_command("migrate", verbosity=0)
with connection.schema_editor() as editor:
    editor.create_model(Note)
'''
    with open("notes_api.py", "w", encoding="utf-8") as handle:
        handle.write(notes_api)


_write_notes_api()
del _write_notes_api
