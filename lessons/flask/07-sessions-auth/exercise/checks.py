from crossroads_checks import expect, expect_json, expect_status, fresh_word

REFUSED = {"error": "Sign in first"}


def new_user(client):
    username, password = fresh_word(), f"{fresh_word()} {fresh_word()}"
    client.probe("add_user", username=username, password=password)
    return username, password


def sign_in(client, username, password):
    response = client.post("/login", data={"username": username, "password": password})
    expect_status(response, 200)
    return response


def expect_refused(response, why):
    expect(response.status == 401, f"{why}: expected 401, got {response.status}", expected=f"status 401 with {REFUSED}", response=response)
    expect_json(response, REFUSED)


def check_anonymous_refused(client):
    """GET /account without signing in is a 401"""
    expect_refused(client.get("/account"), "A visitor who has not signed in must be refused")


def check_signed_in_allowed(client):
    """After signing in, GET /account shows the user"""
    username, password = new_user(client)
    sign_in(client, username, password)
    response = client.get("/account")
    expect_status(response, 200)
    expect_json(response, {"user": username})


def check_wrong_password_refused(client):
    """A wrong password does not open the account"""
    username, password = new_user(client)
    response = client.post("/login", data={"username": username, "password": password + "x"})
    expect_status(response, 401)
    expect_refused(client.get("/account"), "A failed sign-in must not give access to /account")


def check_logout(client):
    """POST /logout ends the session"""
    username, password = new_user(client)
    sign_in(client, username, password)
    expect_status(client.get("/account"), 200)
    response = client.post("/logout")
    expect_status(response, 200)
    expect_json(response, {"ok": True})
    expect_refused(client.get("/account"), "After logging out, /account must be refused again")


def check_login_required_is_a_decorator(client):
    """login_required is a reusable decorator that refuses anonymous requests"""
    token = fresh_word()
    facts = client.probe("decorator", token=token)
    expect(facts["defined"], "Define a function named login_required(view) that returns the protected view", expected="main.login_required", actual="no login_required in your file")
    expect(
        facts["two_views"] is None,
        "Two views protected with login_required could not be registered on one app: without functools.wraps they all get the name 'wrapped'",
        expected="two protected views, each keeping its own name",
        actual=facts["two_views"],
    )
    expect(facts["anonymous"]["status"] == 401 and facts["anonymous"]["json"] == REFUSED, "login_required applied to another view must refuse a visitor with no user in the session", expected={"status": 401, "json": REFUSED}, actual=facts["anonymous"])
    wanted = {"token": token, "number": 7}
    expect(
        facts["signed_in"]["status"] == 200 and facts["signed_in"]["json"] == wanted,
        "login_required applied to another view must call that view, with its URL arguments, when a user is in the session",
        expected={"status": 200, "json": wanted},
        actual=facts["signed_in"],
    )
    expect(facts["signed_in_other"]["json"] == {"archive": token}, "Each protected view must run its own code", expected={"archive": token}, actual=facts["signed_in_other"])


def check_view_name_kept(client):
    """The decorator keeps the view's name and function (functools.wraps)"""
    token = fresh_word()
    facts = client.probe("decorator", token=token)
    expect(facts["defined"], "Define a function named login_required(view)", expected="main.login_required", actual="no login_required in your file")
    expect(facts.get("name") == f"report_{token}", "The protected view must keep the original view's __name__: use @functools.wraps(view)", expected=f"report_{token}", actual=facts.get("name"))
    expect(facts.get("wraps_original"), "The protected view's __wrapped__ must be the original view (functools.wraps sets it)", expected="__wrapped__ is the original view", actual=facts.get("wraps_original"))


def check_account_uses_the_decorator(client):
    """GET /account is protected by the decorator"""
    facts = client.probe("account_view")
    expect(
        facts["wrapped"],
        "The view registered for /account must be the one login_required returned: put @login_required under @app.get(\"/account\") and use functools.wraps",
        expected="@app.get(\"/account\") above @login_required",
        actual=f"the endpoint {facts['endpoint']!r} is not wrapped by a decorator",
    )
