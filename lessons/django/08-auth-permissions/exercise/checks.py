import main  # your file configures Django

from django.contrib.auth.models import Permission, User
from django.test import Client

from main import Report

Report.objects.create(title="Q1 sales")
ada = User.objects.create_user("ada", password="analytical-engine")
bob = User.objects.create_user("bob", password="builder")
bob.user_permissions.add(Permission.objects.get(codename="view_report", content_type__app_label="exercise"))


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def check_login_success():
    """POST /login/ with the right password signs in and redirects to /dashboard/"""
    client = Client()
    response = client.post("/login/", {"username": "ada", "password": "analytical-engine"})
    assert response.status_code == 302, f"Expected a redirect (302), got {response.status_code}"
    assert response["Location"] == "/dashboard/", f"Expected a redirect to /dashboard/, got {response['Location']!r}"
    assert "_auth_user_id" in client.session, "Expected the user to be logged in (their id in the session), but the session has no user"


def check_login_failure():
    """POST /login/ with a wrong password answers 400 and signs nobody in"""
    client = Client()
    response = client.post("/login/", {"username": "ada", "password": "wrong"})
    assert response.status_code == 400, f"Expected status 400 for a wrong password, got {response.status_code}"
    assert "Invalid username or password." in response.content.decode(), "Expected the text 'Invalid username or password.'"
    assert "_auth_user_id" not in client.session, "A wrong password must not log anyone in"


def check_dashboard_anonymous():
    """An anonymous visitor to /dashboard/ is sent to /login/?next=/dashboard/"""
    response = Client().get("/dashboard/")
    assert response.status_code == 302, f"Expected a redirect to the login page, got status {response.status_code}"
    assert response["Location"] == "/login/?next=/dashboard/", f"Expected a redirect to /login/?next=/dashboard/, got {response['Location']!r}"


def check_dashboard_signed_in():
    """A signed-in user sees Hello, <username> on /dashboard/"""
    response = signed_in(ada).get("/dashboard/")
    assert response.status_code == 200, f"Expected status 200, got {response.status_code}"
    assert response.content.decode() == "Hello, ada", f"Expected 'Hello, ada', got {response.content.decode()!r}"


def check_reports_anonymous():
    """An anonymous visitor to /reports/ is sent to log in"""
    response = Client().get("/reports/")
    assert response.status_code == 302, f"Expected a redirect to the login page, got status {response.status_code}"
    assert response["Location"].startswith("/login/"), f"Expected a redirect to /login/, got {response['Location']!r}"


def check_reports_without_permission():
    """A signed-in user without the permission gets 403 on /reports/"""
    response = signed_in(ada).get("/reports/")
    assert response.status_code == 403, f"Expected 403 Forbidden for a user without exercise.view_report, got {response.status_code}"


def check_reports_with_permission():
    """A user with exercise.view_report sees the reports"""
    response = signed_in(bob).get("/reports/")
    assert response.status_code == 200, f"Expected status 200 for a user with the permission, got {response.status_code}"
    assert "Q1 sales" in response.content.decode(), "Expected the report title 'Q1 sales' on the page"
