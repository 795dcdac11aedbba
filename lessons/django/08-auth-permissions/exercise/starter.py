import django_setup

django_setup.configure()

from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required, permission_required
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST


class Report(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"


@require_POST
def login_view(request):
    # TODO: check the username and password, log the user in, redirect to /dashboard/
    return redirect("/dashboard/")


def dashboard(request):
    # TODO: only for signed-in users
    return HttpResponse(f"Hello, {request.user.username}")


def reports(request):
    # TODO: only for users with the exercise.view_report permission
    titles = ", ".join(Report.objects.values_list("title", flat=True))
    return HttpResponse(f"Reports: {titles}")


urlpatterns = [
    path("login/", login_view),
    path("dashboard/", dashboard),
    path("reports/", reports),
]

django_setup.migrate()  # creates the user, session and permission tables too
