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
        # TODO: token authentication, and pages of 5 bookmarks
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


# TODO: a BookmarkSerializer (id, url, title, owner as the username; https:// addresses only),
# a permission class that lets only a bookmark's owner change it,
# and a BookmarkViewSet that sets the owner from the token's user, newest bookmarks first.


# Given (keep it): the checks make their accounts here and get each account's token.
@api_view(["POST"])
@authentication_classes([])
@permission_classes([permissions.AllowAny])
def create_account(request):
    user = User.objects.create_user(request.data["username"], password=request.data["password"])
    return Response({"token": Token.objects.create(user=user).key}, status=201)


# TODO: register the viewset on a DefaultRouter and add its URLs below.

urlpatterns = [
    path("accounts/", create_account),  # given
]

django_setup.migrate()
