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
        "DEFAULT_AUTHENTICATION_CLASSES": ("rest_framework.authentication.TokenAuthentication",),
        "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticatedOrReadOnly",),
    },
)

from django.contrib.auth.models import User
from django.db import models
from django.urls import path
from rest_framework import pagination, permissions, routers, serializers, viewsets
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
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Bookmark
        fields = ["id", "url", "title", "owner"]

    def validate(self, attrs):
        # A PATCH may leave the url out; check it only when it is sent. A dict names the field.
        url = attrs.get("url")
        if url is not None and not url.lower().startswith("https://"):
            raise serializers.ValidationError({"url": ["Use an https:// address."]})
        return attrs


class BookmarkPages(pagination.PageNumberPagination):
    page_size = 5


class OwnerOnlyWrites(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return obj.owner_id == request.user.pk


class BookmarkViewSet(viewsets.ModelViewSet):
    queryset = Bookmark.objects.all().order_by("-pk")
    serializer_class = BookmarkSerializer
    pagination_class = BookmarkPages
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, OwnerOnlyWrites]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


# Given (keep it): the checks make their accounts here and get each account's token.
@api_view(["POST"])
@authentication_classes([])
@permission_classes([permissions.AllowAny])
def create_account(request):
    user = User.objects.create_user(request.data["username"], password=request.data["password"])
    return Response({"token": Token.objects.create(user=user).key}, status=201)


router = routers.SimpleRouter()
router.register("bookmarks", BookmarkViewSet)

urlpatterns = [path("accounts/", create_account)]  # given
urlpatterns += router.urls

django_setup.migrate()
