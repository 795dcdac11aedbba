# owner is declared on the serializer and listed in read_only_fields, which DRF ignores for a declared field:
# the field stays required and writable, so every POST without an owner is a 400.
import django_setup

django_setup.configure(
    INSTALLED_APPS=[  # given: what settings.py lists for this project
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "rest_framework",
        "rest_framework.authtoken",
        "django_exercise_app.ExerciseConfig",
    ],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
        "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
        "PAGE_SIZE": 5,
    },
)

from django.contrib.auth.models import User
from django.db import models
from django.urls import path
from rest_framework import permissions, routers, serializers, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response


class Bookmark(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="bookmarks")
    url = models.URLField(max_length=300)
    title = models.CharField(max_length=100)
    moderator_note = models.TextField(blank=True, default="")  # for staff only: never in the API

    class Meta:
        app_label = "exercise"


class BookmarkSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username")

    class Meta:
        model = Bookmark
        fields = ["id", "url", "title", "owner"]
        read_only_fields = ["owner"]

    def validate_url(self, value):
        if not value.startswith("https://"):
            raise serializers.ValidationError("Use an https:// address.")
        return value


class IsOwnerOrReadOnly(permissions.BasePermission):
    """Anyone may read a bookmark; only its owner may change or delete it."""

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.owner == request.user


class BookmarkViewSet(viewsets.ModelViewSet):
    queryset = Bookmark.objects.select_related("owner").order_by("-id")
    serializer_class = BookmarkSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


# Given (keep it): the checks make their accounts here and get each account's token.
@api_view(["POST"])
@authentication_classes([])
@permission_classes([permissions.AllowAny])
def create_account(request):
    user = User.objects.create_user(request.data["username"], password=request.data["password"])
    return Response({"token": Token.objects.create(user=user).key}, status=201)


router = routers.DefaultRouter()
router.register("bookmarks", BookmarkViewSet)

urlpatterns = [
    path("accounts/", create_account),  # given
    *router.urls,
]

django_setup.migrate()
