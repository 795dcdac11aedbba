# Class-based views: LoginRequiredMixin for the dashboard, and PermissionRequiredMixin alone for the
# reports (it redirects anonymous visitors and answers 403 to signed-in users without the permission).
import django_setup

django_setup.configure()

from django.contrib.auth import authenticate, login
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views import View


class Report(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "exercise"


class LoginView(View):
    def post(self, request):
        user = authenticate(request, username=request.POST.get("username", ""), password=request.POST.get("password", ""))
        if user is None:
            return HttpResponse("Invalid username or password.", status=400)
        login(request, user)
        return redirect("/dashboard/")


class DashboardView(LoginRequiredMixin, View):
    def get(self, request):
        return HttpResponse("Hello, " + request.user.get_username())


class ReportsView(PermissionRequiredMixin, View):
    permission_required = "exercise.view_report"

    def get(self, request):
        return HttpResponse("<br>".join(report.title for report in Report.objects.all()))


urlpatterns = [
    path("login/", LoginView.as_view()),
    path("dashboard/", DashboardView.as_view()),
    path("reports/", ReportsView.as_view()),
]

django_setup.migrate()
