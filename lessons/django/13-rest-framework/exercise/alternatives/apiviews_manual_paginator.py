# Two APIViews written by hand: the list calls a paginator itself, the detail view fetches the bookmark and
# asks the permissions about it with check_object_permissions; the https rule is a validator on a declared
# url field, and the owner's name comes from a method field.
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
    },
)

from django.contrib.auth.models import User
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import path
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView


class Bookmark(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="bookmarks")
    url = models.URLField(max_length=300)
    title = models.CharField(max_length=100)
    moderator_note = models.TextField(blank=True, default="")  # for staff only: never in the API

    class Meta:
        app_label = "exercise"


def starts_with_https(value):
    if not value.startswith("https://"):
        raise serializers.ValidationError("Use an https:// address.")


class BookmarkSerializer(serializers.ModelSerializer):
    url = serializers.URLField(max_length=300, validators=[starts_with_https])
    owner = serializers.SerializerMethodField()

    class Meta:
        model = Bookmark
        fields = ["id", "url", "title", "owner"]

    def get_owner(self, bookmark):
        return bookmark.owner.username


class OwnerOrReadOnly(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.owner == request.user


class Pages(PageNumberPagination):
    page_size = 5


class BookmarkList(APIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get(self, request):
        paginator = Pages()
        bookmarks = Bookmark.objects.select_related("owner").order_by("-id")
        page = paginator.paginate_queryset(bookmarks, request, view=self)
        return paginator.get_paginated_response(BookmarkSerializer(page, many=True).data)

    def post(self, request):
        serializer = BookmarkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save(owner=request.user)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class BookmarkDetail(APIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, OwnerOrReadOnly]

    def get_object(self, pk):
        bookmark = get_object_or_404(Bookmark.objects.select_related("owner"), pk=pk)
        self.check_object_permissions(self.request, bookmark)
        return bookmark

    def get(self, request, pk):
        return Response(BookmarkSerializer(self.get_object(pk)).data)

    def put(self, request, pk, partial=False):
        serializer = BookmarkSerializer(self.get_object(pk), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    def patch(self, request, pk):
        return self.put(request, pk, partial=True)

    def delete(self, request, pk):
        self.get_object(pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# Given (keep it): the checks make their accounts here and get each account's token.
@api_view(["POST"])
@authentication_classes([])
@permission_classes([permissions.AllowAny])
def create_account(request):
    user = User.objects.create_user(request.data["username"], password=request.data["password"])
    return Response({"token": Token.objects.create(user=user).key}, status=201)


urlpatterns = [
    path("accounts/", create_account),  # given
    path("bookmarks/", BookmarkList.as_view()),
    path("bookmarks/<int:pk>/", BookmarkDetail.as_view()),
]

django_setup.migrate()
