"""Checks for the Flask-Login accounts exercise.

Everything goes over HTTP, as browsers would use the app. Every check makes its own accounts with fresh
emails and passwords, so nothing depends on what another check stored. A second Client is a second visitor
with cookies of its own; a Client given only the remember_token cookie is the same browser after it was closed.
"""

import base64
import hashlib
import hmac
import json
import re
import urllib.parse
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from crossroads_checks import Client, expect, expect_status, fresh_email, fresh_int, fresh_word, strip_space

WRONG_LOGIN = "Wrong email or password."
REDIRECTS = (301, 302, 303, 307, 308)
# Given in the starter: Flask-Login signs the remember_token cookie with it (HMAC-SHA512 of the user id).
SECRET_KEY = "dev-only-change-me"


def fresh_password():
    return f"{fresh_word()}-{fresh_word()}-{fresh_int(10, 99)}"


def no_crash(response, what, advice="look at the traceback in the output"):
    expect(
        response.status != 500,
        f"{what} crashed the app (500): {advice}",
        expected="no 500",
        response=response,
    )


def browser_target(location):
    """Where a browser goes for this Location: it drops tabs and newlines and reads \\ as /."""
    cleaned = "".join(ch for ch in (location or "") if ch not in "\t\r\n").strip().replace("\\", "/")
    return urllib.parse.urlsplit(cleaned), cleaned


def on_this_site(location):
    parts, cleaned = browser_target(location)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https", "") and parts.netloc == "localhost"
    return cleaned.startswith("/") and not cleaned.startswith("//")


def path_of(location):
    return browser_target(location)[0].path


def register(client, email, password):
    response = client.post("/register", data={"email": email, "password": password})
    no_crash(response, f"Registering {email}")
    expect(
        response.status in (302, 303) and path_of(response.location) == "/login",
        "A new account must be stored and answered with a redirect (302 or 303) to /login",
        expected="status 303 (or 302), Location: /login",
        response=response,
    )
    return response


def log_in(client, email, password, *, remember=False, next_page=None, **crash_advice):
    """What the login form sends. next goes in the query string (the form posts back to /login?next=...) and
    as a form field too, so either way of reading it works."""
    data = {"email": email, "password": password}
    path = "/login"
    if remember:
        data["remember"] = "on"  # a ticked checkbox; an unticked one sends nothing
    if next_page is not None:
        data["next"] = next_page
        path += "?" + urllib.parse.urlencode({"next": next_page})
    response = client.post(path, data=data)
    no_crash(response, "Logging in" + (f" with next={next_page!r}" if next_page is not None else ""), **crash_advice)
    return response


def expect_logged_in(response, email):
    expect(
        response.status in (302, 303),
        f"Logging in as {email} with the right password must redirect (302 or 303)"
        + (
            ". The app refused it: check the password with check_password_hash(user.password_hash, password). "
            "Comparing with == never matches, because every hash has its own random salt"
            if response.status in (400, 401, 403)
            else ""
        ),
        expected="status 303 (or 302) to /account",
        response=response,
    )


def session_data(client):
    """What the visitor's Flask session cookie holds (Flask signs it but does not encrypt it), or None."""
    value = client.cookies.get("session", "").strip('"')
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        data = json.loads(zlib.decompress(raw) if compressed else raw)
    except (ValueError, zlib.error):
        return None
    return data if isinstance(data, dict) else None


def expect_flask_login_session(client, email):
    data = session_data(client)
    expect(
        isinstance(data, dict) and data.get("_user_id"),
        f"Logging in as {email} redirected, but Flask-Login does not know about it: login_user(user) stores the "
        "user's id in Flask's session as _user_id, and current_user, @login_required and the remember-me cookie all "
        "work from there. Log the user in with flask_login.login_user, not with a session key or cookie of your own",
        expected="a session cookie that holds _user_id",
        actual=f"the session holds {sorted(data) if isinstance(data, dict) else 'nothing Flask can read'}",
    )


def new_account(client, **log_in_options):
    email, password = fresh_email(), fresh_password()
    register(client, email, password)
    response = log_in(client, email, password, **log_in_options)
    expect_logged_in(response, email)
    expect_flask_login_session(client, email)
    return email, password, response


def expect_sent_to_login(response, what, wanted_next):
    no_crash(response, what)
    expect(
        response.status in REDIRECTS and path_of(response.location) == "/login",
        f"{what} must redirect to the login page: put @login_required on the view and set login_manager.login_view = \"login\"",
        expected=f"status 302, Location: /login?next={urllib.parse.quote(wanted_next, safe='')}",
        response=response,
    )
    query = urllib.parse.parse_qs(browser_target(response.location)[0].query)
    sent = (query.get("next") or [""])[0]
    expect(
        path_of(sent) == wanted_next and on_this_site(sent),
        f"The redirect to the login page must say where to come back to: next={wanted_next}",
        expected=f"Location: /login?next={urllib.parse.quote(wanted_next, safe='')}",
        response=response,
    )


def expect_api_refused(response, what):
    expect(
        response.status != 500,
        f"{what} crashed the app (500). Without @login_required the view runs for anonymous visitors too, and their "
        "current_user (Flask-Login's AnonymousUserMixin) has no email: put @login_required under the route decorator",
        expected='status 401 with {"error": "Log in first"}',
        response=response,
    )
    expect(
        response.status == 401,
        f"{what} must answer 401 with JSON, not a redirect to a login page a script cannot use"
        + (
            ": register a login_manager.unauthorized_handler that answers {\"error\": \"Log in first\"}, 401 for paths under /api/ "
            "and redirects to the login page otherwise"
            if response.status in REDIRECTS
            else ": put @login_required on it (without it the view runs for anonymous visitors)"
        ),
        expected='status 401 with {"error": "Log in first"}',
        response=response,
    )
    body = response.json()
    expect(isinstance(body, dict) and body.get("error"), "The 401 answer must be JSON with an \"error\"",
           expected='{"error": "Log in first"}', response=response)


def remember_cookie(response):
    """The remember_token Set-Cookie header of a response, or None."""
    return next((h for h in response.headers.get_all("Set-Cookie") if h.strip().startswith("remember_token=")), None)


def expiry_of(header):
    """When a Set-Cookie header says the cookie expires (Max-Age or Expires), or None for a session cookie."""
    attributes = {}
    for part in header.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        attributes[name.lower()] = value
    now = datetime.now(timezone.utc)
    if attributes.get("max-age", "").lstrip("-").isdigit():
        return now + timedelta(seconds=int(attributes["max-age"]))
    if attributes.get("expires"):
        try:
            when = parsedate_to_datetime(attributes["expires"])
        except (TypeError, ValueError):
            return None
        return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return None


def check_anonymous_visitors_are_sent_to_log_in(client):
    """Anonymous visitors: /account redirects to /login?next=/account, /api/me answers 401 JSON"""
    expect_sent_to_login(client.get("/account"), "GET /account without logging in", "/account")
    expect_api_refused(client.get("/api/me"), "GET /api/me without logging in")


def check_register_then_log_in(client):
    """Registering, then logging in, gives access to /account and /api/me"""
    for field, data in (("password", {"email": fresh_email(), "password": ""}), ("email", {"email": "", "password": fresh_password()})):
        empty = client.post("/register", data=data)
        no_crash(empty, f"Registering with an empty {field}")
        expect(empty.status == 400, f"Registering with an empty {field} must be refused with 400, and store nothing",
               expected="status 400", response=empty)
    email, _, response = new_account(client)
    expect(path_of(response.location) == "/account", "Without a next page, logging in must go to /account",
           expected="Location: /account", response=response)
    page = client.get("/account")
    no_crash(page, "GET /account after logging in")
    expect(
        page.status == 200 and f"Signed in as {email}" in strip_space(page.text),
        "After logging in, /account must show the account page for that user",
        expected=f"status 200 with 'Signed in as {email}'",
        response=page,
    )
    me = client.get("/api/me")
    no_crash(me, "GET /api/me after logging in")
    expect_status(me, 200)
    expect(me.json() == {"email": email}, "/api/me must answer the logged-in user's email, from current_user",
           expected={"email": email}, response=me)


# What generate_password_hash stores (method:settings$salt$hash, scrypt by default, or pbkdf2), or another slow
# password hash (argon2, bcrypt) if you chose one of those.
SLOW_HASH = re.compile(r"^(?:(?:scrypt|pbkdf2):[^$]+\$[^$]+\$[0-9a-f]+|\$argon2(?:id|i|d)\$.+|\$2[aby]\$\d\d\$.+)$")


def check_passwords_are_stored_hashed(client):
    """The database stores a salted password hash, never the password itself"""
    password = fresh_password()
    stored = []
    for _ in range(2):
        email = fresh_email()
        register(client, email, password)
        response = client.get("/given/stored-password?" + urllib.parse.urlencode({"email": email}))
        expect_status(response, 200)
        value = str(response.json().get("stored", ""))
        expect(
            value and password not in value,
            "The database holds the password itself: anyone who reads it (a backup, a leak) can log in as everyone. Store "
            "generate_password_hash(password) in password_hash, and check it with check_password_hash",
            expected="a hash such as scrypt:32768:8:1$...",
            actual=value,
        )
        expect(
            SLOW_HASH.match(value),
            "The database does not hold the password itself, but not a password hash either. A fast hash (SHA-256, MD5), "
            "even salted, lets anyone with a copy of the table try millions of guesses a second. Store "
            "generate_password_hash(password), which is slow on purpose, and check it with check_password_hash",
            expected="a hash such as scrypt:32768:8:1$<salt>$<hash>",
            actual=value,
        )
        stored.append(value)
    expect(
        stored[0] != stored[1],
        "Two accounts with the same password got the same stored value, so the hash has no salt: one cracked hash opens "
        "every account that shares the password. Use generate_password_hash, which adds a random salt",
        expected="two different hashes",
        actual=stored,
    )


def check_an_email_registers_once(client):
    """A second registration with the same email is refused (409), and the first password still works"""
    email, password = fresh_email(), fresh_password()
    register(client, email, password)
    other = fresh_password()
    response = client.post("/register", data={"email": email, "password": other})
    expect(
        response.status != 500,
        f"Registering {email} a second time crashed the app (500). The unique email refuses the second row with an "
        "IntegrityError: catch it (and roll back), or look the email up first, and answer 409",
        expected="status 409 with 'That email is already registered.'",
        response=response,
    )
    expect(
        response.status == 409 and "That email is already registered." in response.text,
        "An email that already has an account must be refused with 409 and 'That email is already registered.'",
        expected="status 409 with 'That email is already registered.'",
        response=response,
    )
    first = log_in(Client(client._transport), email, password)
    expect(
        first.status in (302, 303),
        f"After the refused second registration, {email} could not log in with the first password. Either the refused "
        "registration changed the account (it must change nothing), or no login works yet: check the password with "
        "check_password_hash(user.password_hash, password)",
        expected="status 303 (or 302) to /account",
        response=first,
    )


def check_wrong_password_and_unknown_email_look_the_same(client):
    """A wrong password and an unknown email get the same 401 and message, and log nobody in"""
    email, password = fresh_email(), fresh_password()
    register(client, email, password)
    wrong = log_in(client, email, fresh_password())
    unknown = log_in(client, fresh_email(), password)
    for response, what in ((wrong, f"A wrong password for {email}"), (unknown, "An email with no account")):
        expect(
            response.status == 401 and WRONG_LOGIN in response.text,
            f"{what} must get status 401 and {WRONG_LOGIN!r}. Give that one message for both failures: a different answer "
            "for an unknown email tells anyone which emails have accounts",
            expected=f"status 401 with {WRONG_LOGIN!r}",
            response=response,
        )
    expect_sent_to_login(client.get("/account"), "GET /account after two failed logins", "/account")


def check_another_visitor_is_not_logged_in(client):
    """Another visitor, with cookies of their own, is not logged in by someone else's login"""
    new_account(client)
    stranger = Client(client._transport)
    expect_sent_to_login(stranger.get("/account"), "A second visitor's GET /account", "/account")
    expect_api_refused(stranger.get("/api/me"), "A second visitor's GET /api/me")


def check_log_out_ends_access(client):
    """POST /logout logs the visitor out, remember-me included"""
    new_account(client, remember=True)
    response = client.post("/logout")
    no_crash(response, "POST /logout")
    expect(response.status in (302, 303) and path_of(response.location) == "/login",
           "POST /logout must log the user out and redirect to /login", expected="status 303 (or 302), Location: /login",
           response=response)
    page = client.get("/account")
    expect(
        page.status in REDIRECTS,
        "After logging out, /account must send the visitor to the login page again"
        + (
            ". The remember_token cookie logged them straight back in: call logout_user(), which deletes it, instead of "
            "clearing the session by hand"
            if "remember_token" in client.cookies and page.status == 200
            else ""
        ),
        expected="status 302 to /login",
        response=page,
    )
    expect_sent_to_login(page, "GET /account after logging out", "/account")


def check_remember_me_only_when_asked(client):
    """Remember me sets a lasting remember_token cookie, and only when the box is ticked"""
    email, password, plain = new_account(client)
    header = remember_cookie(plain)
    expect(
        header is None,
        "Without the remember box ticked, logging in must not set a remember_token cookie: pass "
        "remember=bool(request.form.get(\"remember\")) to login_user, not remember=True",
        expected="no remember_token cookie",
        actual=header,
    )
    remembered = log_in(Client(client._transport), email, password, remember=True)
    expect_logged_in(remembered, email)
    header = remember_cookie(remembered)
    expect(header is not None, "With remember=on, logging in must set the remember_token cookie: login_user(user, remember=True)",
           expected="Set-Cookie: remember_token=...; Expires=...", response=remembered)
    expires = expiry_of(header)
    expect(
        expires is not None and expires > datetime.now(timezone.utc) + timedelta(days=1),
        "The remember_token cookie must outlive the browser session: it needs an expiry date (Flask-Login gives it one, "
        "365 days by default)",
        expected="Set-Cookie: remember_token=...; Expires=<a date more than a day ahead>",
        actual=header,
    )
    value = header.split(";", 1)[0].split("=", 1)[1]
    reopened = Client(client._transport)  # the browser was closed: the session cookie is gone, remember_token is not
    reopened.cookies = {"remember_token": value}
    page = reopened.get("/account")
    no_crash(page, "GET /account with only the remember_token cookie")
    expect(
        page.status == 200 and f"Signed in as {email}" in strip_space(page.text),
        "A visitor who comes back with only the remember_token cookie must be logged in again",
        expected=f"status 200 with 'Signed in as {email}'",
        response=page,
    )
    user_id = value.strip('"').split("|")[0]
    forger = Client(client._transport)  # knows the id (it is readable) but not SECRET_KEY
    forger.cookies = {"remember_token": f"{user_id}|{hashlib.sha512(fresh_word().encode()).hexdigest()}"}
    page = forger.get("/account")
    no_crash(page, "GET /account with a forged remember_token cookie")
    expect(
        page.status in REDIRECTS and f"Signed in as {email}" not in strip_space(page.text),
        f"A remember_token cookie with {email}'s id and a made-up signature logged the visitor in as {email}: anyone "
        "can write that cookie. Flask-Login signs the id with SECRET_KEY and refuses a cookie whose signature does "
        "not match: let login_user(user, remember=True) set it and Flask-Login read it",
        expected="status 302 to /login",
        response=page,
    )


def check_next_stays_on_this_site(client):
    """After logging in, next is followed only when it is a path on this site"""
    email, password = fresh_email(), fresh_password()
    register(client, email, password)
    page = f"/api/me?from={fresh_word()}"
    response = log_in(client, email, password, next_page=page)
    expect_logged_in(response, email)
    parts = browser_target(response.location)[0]
    expect(
        response.status in (302, 303) and on_this_site(response.location) and f"{parts.path}?{parts.query}" == page,
        f"Logging in from /login?next={page} must go back to {page}, query string included",
        expected=f"status 303 (or 302), Location: {page}",
        response=response,
    )
    host = f"{fresh_word()}.example"
    why = {
        "\t": f" (tabs and newlines are dropped from a URL, so this is //{host})",
        "\n": f" (tabs and newlines are dropped from a URL, so this is //{host})",
        "////": f" (urlsplit() finds no host in it, yet the Location your app sends is //{host})",
    }
    for target in (f"https://{host}/login", f"/\t/{host}", f"/\n/{host}", f"////{host}"):
        visitor = Client(client._transport)
        advice = {"advice": "a newline cannot go into a Location header, so Werkzeug refused it. Drop tabs and newlines "
                  "from next before you check it (browsers drop them too), and redirect to what is left"} if "\n" in target else {}
        response = log_in(visitor, email, password, next_page=target, **advice)
        expect_logged_in(response, email)
        expect(
            on_this_site(response.location),
            f"Logging in with next={target!r} redirected off this site: an open redirect, which lets a phishing link "
            "use your login page"
            + next((text for mark, text in why.items() if mark in target), "")
            + ". Check the value as a browser will read it: drop tabs and newlines, turn \\ into /, then follow it only "
            "when it starts with exactly one / (not //)",
            expected="Location: /account (or another path on this site)",
            response=response,
        )


def check_unknown_user_id_means_logged_out(client):
    """A cookie for an account that no longer exists leaves the visitor logged out (user_loader returns None)"""
    user_id = str(fresh_int(10_000_000, 99_999_999))
    digest = hmac.new(SECRET_KEY.encode("latin-1"), user_id.encode(), hashlib.sha512).hexdigest()
    client.cookies = {"remember_token": f"{user_id}|{digest}"}
    response = client.get("/account")
    expect(
        response.status not in (404, 500),
        f"A visitor whose remember_token names user id {user_id}, which has no account (deleted, say), got status "
        f"{response.status}. The user_loader must return None for an id it does not know, and Flask-Login then treats "
        "the visitor as logged out: db.session.get(User, int(user_id)) does, while get_or_404, one_or_404 and scalar_one "
        "raise",
        expected="status 302 to /login",
        response=response,
    )
    expect_sent_to_login(response, "GET /account with a cookie for a deleted account", "/account")
