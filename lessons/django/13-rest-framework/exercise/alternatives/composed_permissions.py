from urllib.parse import urlsplit

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
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "rest_framework.authentication.TokenAuthentication",
            "rest_framework.authentication.SessionAuthentication",
        ],
        "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
        "PAGE_SIZE": 5,
    },
)

from django.contrib.auth.models import User
from django.db import models
from django.urls import include, path
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


def https_only(value):
    if urlsplit(value).scheme != "https":
        raise serializers.ValidationError("Use an https:// address.")


class BookmarkSerializer(serializers.ModelSerializer):
    owner = serializers.StringRelatedField()  # a User's str() is its username

    class Meta:
        model = Bookmark
        fields = ("id", "url", "title", "owner")
        extra_kwargs = {"url": {"validators": [https_only]}}


class IsOwner(permissions.BasePermission):
    message = "Only the owner of a bookmark may change it."

    def has_object_permission(self, request, view, obj):
        return obj.owner == request.user


class BookmarkViewSet(viewsets.ModelViewSet):
    serializer_class = BookmarkSerializer

    def get_queryset(self):
        return Bookmark.objects.select_related("owner").order_by("-id")

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        if self.action == "create":
            return [permissions.IsAuthenticated()]
        return [(permissions.IsAuthenticated & IsOwner)()]

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
router.register(r"bookmarks", BookmarkViewSet, basename="bookmark")

urlpatterns = [
    path("accounts/", create_account),  # given
    path("", include(router.urls)),
]

django_setup.migrate()
