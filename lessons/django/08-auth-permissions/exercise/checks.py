import secrets
import string

from crossroads_checks import expect, expect_header, expect_status, expect_text, fresh_title, fresh_word


def new_user(client, can_view_reports=False):
    username, password = fresh_word(), f"{fresh_word()}-{fresh_word()}"
    client.probe("add_user", username=username, password=password, can_view_reports=can_view_reports)
    return username, password


def sign_in(client, username):
    """Signs the client in directly (not through your login view)."""
    cookie = client.probe("session_cookie", username=username)
    client.cookies[cookie["name"]] = cookie["value"]


def post_login(client, username, password):
    """POST /login/ as a page with {% csrf_token %} would send it: a CSRF cookie and the same token in the form."""
    token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    client.cookies["csrftoken"] = token
    return client.post("/login/", data={"username": username, "password": password, "csrfmiddlewaretoken": token})


def expect_login_redirect(response, path, exact=True):
    expect_status(response, 302)
    location = expect_header(response, "Location")
    wanted = f"/login/?next={path}"
    ok = location == wanted if exact else location.startswith("/login/")
    expect(ok, f"An anonymous visitor to {path} is sent to the login page", expected=f"Location: {wanted}", actual=location)


def check_login_success(client):
    """POST /login/ with the right password signs in and redirects to /dashboard/"""
    username, password = new_user(client)
    response = post_login(client, username, password)
    expect_status(response, 302)
    location = expect_header(response, "Location")
    expect(location == "/dashboard/", "A successful login redirects to /dashboard/", expected="Location: /dashboard/", actual=location)
    dashboard = client.get("/dashboard/")
    expect_status(dashboard, 200)
    expect_text(dashboard, f"Hello, {username}")


def check_login_failure(client):
    """POST /login/ with a wrong password or an unknown user answers 400 and signs nobody in"""
    username, password = new_user(client)
    for sent in ((username, password + "x"), (fresh_word(), password)):
        response = post_login(client, *sent)
        expect_status(response, 400)
        expect_text(response, "Invalid username or password.")
    expect_login_redirect(client.get("/dashboard/"), "/dashboard/")


def check_dashboard_anonymous(client):
    """An anonymous visitor to /dashboard/ is sent to /login/?next=/dashboard/"""
    expect_login_redirect(client.get("/dashboard/"), "/dashboard/")


def check_dashboard_signed_in(client):
    """A signed-in user sees Hello, <username> on /dashboard/"""
    username, _ = new_user(client)
    sign_in(client, username)
    response = client.get("/dashboard/")
    expect_status(response, 200)
    expect_text(response, f"Hello, {username}")


def check_reports_anonymous(client):
    """An anonymous visitor to /reports/ is sent to log in"""
    expect_login_redirect(client.get("/reports/"), "/reports/", exact=False)


def check_reports_without_permission(client):
    """A signed-in user without the permission gets 403 on /reports/"""
    username, _ = new_user(client)
    sign_in(client, username)
    response = client.get("/reports/")
    expect(response.status == 403, "A signed-in user without exercise.view_report gets 403 Forbidden (not a redirect to log in again)",
           expected="status 403", response=response)


def check_reports_with_permission(client):
    """A user with exercise.view_report sees the report titles"""
    titles = [fresh_title() for _ in range(2)]
    for title in titles:
        client.probe("add_report", title=title)
    username, _ = new_user(client, can_view_reports=True)
    sign_in(client, username)
    response = client.get("/reports/")
    expect_status(response, 200)
    expect_text(response, *titles)
