import django_setup

django_setup.configure()

from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import Group, Permission, User
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
        return HttpResponse("Invalid username or password.", status=400)
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


# Given (keep it): the checks make their accounts (signed in at once) and reports here. It stands in
# for an admin: a real site never lets a visitor give themselves a permission.
@require_POST
def make_account(request):
    user = User.objects.create_user(request.POST["username"], password=request.POST["password"])
    view_report = Permission.objects.get(codename="view_report")
    if request.POST.get("group"):
        group, _ = Group.objects.get_or_create(name=request.POST["group"])
        group.permissions.add(view_report)
        user.groups.add(group)
    elif request.POST.get("can_view_reports") == "yes":
        user.user_permissions.add(view_report)
    login(request, user)
    return HttpResponse(status=201)


@require_POST
def add_report(request):
    Report.objects.create(title=request.POST["title"])
    return HttpResponse(status=201)


urlpatterns = [
    path("accounts/new/", make_account),  # given
    path("reports/new/", add_report),  # given
    path("login/", login_view),
    path("dashboard/", dashboard),
    path("reports/", reports),
]

django_setup.migrate()  # creates the user, session and permission tables too
