# A wrong password shows the message with status 200, so a client cannot tell it from success.
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
    user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
    if user is None:
        return HttpResponse("Invalid username or password.")
    login(request, user)
    return redirect("/dashboard/")


@login_required
def dashboard(request):
    return HttpResponse(f"Hello, {request.user.username}")


@login_required
@permission_required("exercise.view_report", raise_exception=True)
def reports(request):
    titles = ", ".join(Report.objects.values_list("title", flat=True))
    return HttpResponse(f"Reports: {titles}")


urlpatterns = [
    path("login/", login_view),
    path("dashboard/", dashboard),
    path("reports/", reports),
]

django_setup.migrate()  # creates the user, session and permission tables too
