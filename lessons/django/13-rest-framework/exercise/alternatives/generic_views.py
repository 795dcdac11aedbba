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
    REST_FRAMEWORK={},
)

from django.contrib.auth.models import User
from django.db import models
from django.urls import path
from rest_framework import generics, permissions, serializers
from rest_framework.authentication import TokenAuthentication
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


class BookmarkSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Bookmark
        fields = ["id", "url", "title", "owner"]

    def validate_url(self, value):
        if not value.startswith("https://"):
            raise serializers.ValidationError("Use an https:// address.")
        return value


class FivePerPage(PageNumberPagination):
    page_size = 5


class OwnerCanWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.owner_id == request.user.id


class BookmarkAPI:
    """What both views share: the same settings, written once."""

    queryset = Bookmark.objects.select_related("owner").order_by("-id")
    serializer_class = BookmarkSerializer
    authentication_classes = [TokenAuthentication]
    permission_classes = [OwnerCanWrite]


class BookmarkList(BookmarkAPI, generics.ListCreateAPIView):
    pagination_class = FivePerPage

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class BookmarkDetail(BookmarkAPI, generics.RetrieveUpdateDestroyAPIView):
    pass


# Given (keep it): the checks make their accounts here and get each account's token.
@api_view(["POST"])
@authentication_classes([])
@permission_classes([permissions.AllowAny])
def create_account(request):
    user = User.objects.create_user(request.data["username"], password=request.data["password"])
    return Response({"token": Token.objects.create(user=user).key}, status=201)


urlpatterns = [
    path("accounts/", create_account),  # given
    path("bookmarks/", BookmarkList.as_view(), name="bookmark-list"),
    path("bookmarks/<int:pk>/", BookmarkDetail.as_view(), name="bookmark-detail"),
]

django_setup.migrate()
