import secrets
import string

from crossroads_checks import expect, expect_header, expect_status, expect_text, fresh_title, fresh_word


def csrf_token(client):
    """What a page with {% csrf_token %} gives a browser: a CSRF cookie and the same token for a form."""
    if "csrftoken" not in client.cookies:
        client.cookies["csrftoken"] = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    return client.cookies["csrftoken"]


def new_user(client, signed_in=False, can_view_reports=False, group=None):
    """Makes an account with the given accounts/new/ route (which signs it in); signed out again unless signed_in."""
    username, password = fresh_word(), f"{fresh_word()}-{fresh_word()}"
    data = {"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(client)}
    if can_view_reports:
        data["can_view_reports"] = "yes"
    if group:
        data["group"] = group
    response = client.post("/accounts/new/", data=data)
    expect(response.status in (200, 201, 204, 302), "The given accounts/new/ route makes the checks' users: keep it as it was in the starter",
           expected="status 201 from POST /accounts/new/", response=response)
    if not signed_in:
        client.cookies.clear()
    return username, password


def add_report(client, title):
    response = client.post("/reports/new/", data={"title": title, "csrfmiddlewaretoken": csrf_token(client)})
    expect(response.status in (200, 201, 204, 302), "The given reports/new/ route saves the checks' reports: keep it as it was in the starter",
           expected="status 201 from POST /reports/new/", response=response)


def post_login(client, username, password):
    """POST /login/ as a page with {% csrf_token %} would send it: a CSRF cookie and the same token in the form."""
    return client.post("/login/", data={"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(client)})


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
    username, _ = new_user(client, signed_in=True)
    response = client.get("/dashboard/")
    expect_status(response, 200)
    expect_text(response, f"Hello, {username}")


def check_reports_anonymous(client):
    """An anonymous visitor to /reports/ is sent to log in"""
    expect_login_redirect(client.get("/reports/"), "/reports/", exact=False)


def check_reports_without_permission(client):
    """A signed-in user without the permission gets 403 on /reports/"""
    username, _ = new_user(client, signed_in=True)
    response = client.get("/reports/")
    expect(response.status == 403, "A signed-in user without exercise.view_report gets 403 Forbidden (not a redirect to log in again)",
           expected="status 403", response=response)


def check_reports_with_permission(client):
    """A user with exercise.view_report sees the report titles"""
    titles = [fresh_title() for _ in range(2)]
    for title in titles:
        add_report(client, title)
    new_user(client, signed_in=True, can_view_reports=True)
    response = client.get("/reports/")
    expect_status(response, 200)
    expect_text(response, *titles)


def check_reports_permission_from_group(client):
    """A user who has exercise.view_report through a group sees the report titles too"""
    title = fresh_title()
    add_report(client, title)
    new_user(client, signed_in=True, group=f"{fresh_word()} readers")
    response = client.get("/reports/")
    expect(response.status == 200, "A permission given through one of the user's groups counts: ask Django "
           "(permission_required, PermissionRequiredMixin or user.has_perm), not the user's own permission list",
           expected="status 200", response=response)
    expect_text(response, title)
