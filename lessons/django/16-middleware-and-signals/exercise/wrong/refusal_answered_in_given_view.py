import json
import re
import uuid

import django_setup

django_setup.configure(
    MIDDLEWARE=[
        "main.RequestIdMiddleware",  # first: it wraps every other middleware, so every response passes through it
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
)

from django.contrib.auth.models import User
from django.db import models
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    credit = models.IntegerField(default=100)

    class Meta:
        app_label = "exercise"


class DomainError(Exception):
    """A request the app refuses for a reason of its own; status is the 4xx to answer with."""

    status = 400


class InvalidAmount(DomainError):
    status = 400


class NotEnoughCredit(DomainError):
    status = 409


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response



@receiver(post_save, sender=User, dispatch_uid="create_profile_for_new_user")
def create_profile(sender, instance, created, **kwargs):
    if created:
        Profile.objects.create(user=instance)


@require_POST
def import_users(request):
    usernames = json.loads(request.body)["usernames"]
    users = User.objects.bulk_create([User(username=name) for name in usernames])
    # bulk_create sends no post_save, so the receiver never sees these users: make their profiles here.
    Profile.objects.bulk_create([Profile(user=user) for user in users])
    return JsonResponse({"ids": [user.pk for user in users]}, status=201)


# ---- Given: the checks use these routes. Leave them as they are. ----------------------------------


@require_GET
def ping(request):
    return JsonResponse({"ok": True, "request_id": getattr(request, "request_id", None)})


@require_POST
def sign_up(request):
    data = json.loads(request.body)
    user = User.objects.create_user(username=data["username"], password=data["password"])
    return JsonResponse({"id": user.pk, "username": user.username}, status=201)


@require_POST
def invite(request):
    user = User(username=json.loads(request.body)["username"])
    user.set_unusable_password()
    user.save()
    return JsonResponse({"id": user.pk, "username": user.username}, status=201)


@require_POST
def rename(request, user_id):
    user = get_object_or_404(User, pk=user_id)
    user.username = json.loads(request.body)["username"]
    user.save()
    return JsonResponse({"id": user.pk, "username": user.username})


def profile(request, user_id):
    user = get_object_or_404(User, pk=user_id)
    found = Profile.objects.filter(user=user).first()
    if request.method == "DELETE" and found is not None:
        found.delete()
        return JsonResponse({"deleted": True})
    if found is None:
        return JsonResponse({"error": f"{user.username} has no profile"}, status=404)
    return JsonResponse({"user": user.pk, "credit": found.credit})


@require_POST
def spend(request, user_id):
    found = get_object_or_404(Profile, user_id=user_id)
    amount = json.loads(request.body)["amount"]
    try:
        if not isinstance(amount, int) or amount <= 0:
            raise InvalidAmount(f"The amount must be a whole number above 0, not {amount!r}")
        if amount > found.credit:
            raise NotEnoughCredit(f"Only {found.credit} credit left, {amount} asked")
    except DomainError as error:
        return JsonResponse({"error": str(error), "request_id": request.request_id}, status=error.status)
    Profile.objects.filter(pk=found.pk).update(credit=F("credit") - amount)
    found.refresh_from_db()
    return JsonResponse({"credit": found.credit})


@require_GET
def boom(request):
    raise RuntimeError("A bug, not a refusal: this must stay a 500")


urlpatterns = [
    path("users/import/", import_users),
    path("ping/", ping),  # given
    path("users/", sign_up),  # given
    path("invite/", invite),  # given
    path("users/<int:user_id>/rename/", rename),  # given
    path("users/<int:user_id>/profile/", profile),  # given
    path("users/<int:user_id>/spend/", spend),  # given
    path("boom/", boom),  # given
]

django_setup.migrate()
