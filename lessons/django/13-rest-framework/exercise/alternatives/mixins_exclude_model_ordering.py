# A GenericViewSet assembled from the five mixins, the model's Meta.ordering for newest first, exclude instead
# of a field list, the owner as a read-only CharField, authentication and pages set on the viewset, and an
# object permission that lets anyone retrieve.
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
    REST_FRAMEWORK={"PAGE_SIZE": 5},
)

from django.contrib.auth.models import User
from django.db import models
from django.urls import include, path
from rest_framework import mixins, permissions, routers, serializers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Bookmark(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="bookmarks")
    url = models.URLField(max_length=300)
    title = models.CharField(max_length=100)
    moderator_note = models.TextField(blank=True, default="")  # for staff only: never in the API

    class Meta:
        app_label = "exercise"
        ordering = ["-id"]  # newest first, wherever bookmarks are listed


class BookmarkSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Bookmark
        exclude = ["moderator_note"]

    def validate_url(self, url):
        if urlsplit(url).scheme != "https":
            raise serializers.ValidationError("Use an https:// address.")
        return url


class OnlyOwnerChanges(permissions.BasePermission):
    message = "Only the bookmark's owner may change it."

    def has_object_permission(self, request, view, obj):
        return view.action == "retrieve" or obj.owner_id == request.user.id


class BookmarkViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Bookmark.objects.select_related("owner")
    serializer_class = BookmarkSerializer
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, OnlyOwnerChanges]
    pagination_class = PageNumberPagination

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
    path("", include(router.urls)),
]

django_setup.migrate()
