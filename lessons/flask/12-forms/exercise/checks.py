"""Checks for the Flask-WTF sign-up form.

Everything is tested over HTTP, as a browser would use the form: load /signup (which sets the session
cookie the CSRF token belongs to), send the hidden csrf_token back with the fields, follow the redirect.
Names are new every run, so a hard-coded answer fails, and nothing assumes what other checks stored.
"""

import urllib.parse
from html.parser import HTMLParser

from crossroads_checks import Client, expect, expect_status, fresh_int, fresh_title, fresh_word, strip_space

REQUIRED = "This field is required."
TOO_LONG = "Field cannot be longer than 40 characters."
OUT_OF_RANGE = "Number must be between 1 and 5."
NOT_A_NUMBER = "Not a valid integer value."


class Inputs(HTMLParser):
    """Every <input> of a page as a dict of its attributes (values unescaped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.found.append({name: value or "" for name, value in attrs})

    handle_startendtag = handle_starttag


def inputs(response):
    parser = Inputs()
    parser.feed(response.text)
    return parser.found


def field(response, name):
    """The attributes of the first <input name=...> on the page, or None."""
    return next((attrs for attrs in inputs(response) if attrs.get("name") == name), None)


def csrf_token(response):
    found = field(response, "csrf_token")
    return found.get("value") if found else None


def load_form(client):
    response = client.get("/signup")
    expect(response.status != 500, "GET /signup crashed the app (500): look at the traceback", expected="status 200 with the form", response=response)
    expect_status(response, 200)
    return response


def submit(client, data):
    """What a browser does: load the form, then post it with the hidden token it carries."""
    token = csrf_token(load_form(client))
    expect(
        token,
        "The form must carry the CSRF token: put {{ form.csrf_token }} (or {{ form.hidden_tag() }}) inside the <form>, and do not "
        "turn CSRF off",
        expected='<input id="csrf_token" name="csrf_token" type="hidden" value="...">',
        response=client.last[1],
    )
    response = client.post("/signup", data={**data, "csrf_token": token})
    expect(response.status != 500, "Posting the form crashed the app (500): look at the traceback", expected="status 200 or a redirect", response=response)
    expect(
        response.status != 400,
        "The form was posted with the token the page gave, and the app still answered 400. Keep SECRET_KEY as given, and render "
        "the token of the same form (one {{ form.csrf_token }} inside the <form>)",
        expected="status 200 or a redirect",
        response=response,
    )
    return response


def listed(client):
    response = client.get("/signups")
    expect_status(response, 200)
    return strip_space(response.text)


def entry_text(name, seats):
    return f"{name}: {seats} seat(s)"


def thanks(name):
    return f"Thanks, {name}! You are signed up."


def path_of(location):
    return urllib.parse.urlsplit(location or "").path


def check_form_has_csrf_token(client):
    """GET /signup shows the form with a CSRF token and the name and seats fields"""
    response = load_form(client)
    expect(
        csrf_token(response),
        "The form has no CSRF token. Build the page from a FlaskForm and put {{ form.csrf_token }} (or {{ form.hidden_tag() }}) "
        "inside the <form>: it renders a hidden input called csrf_token (and nothing at all if WTF_CSRF_ENABLED is False)",
        expected='<input id="csrf_token" name="csrf_token" type="hidden" value="...">',
        response=response,
    )
    for name in ("name", "seats"):
        expect(field(response, name) is not None, f"The form has an input called {name!r}: render it with {{{{ form.{name}() }}}}",
               expected=f'<input id="{name}" name="{name}" ...>', response=response)


def check_post_without_token_is_refused(client):
    """A POST without a valid CSRF token is refused with 400 and stores nothing"""
    name = fresh_title()
    response = client.post("/signup", data={"name": name, "seats": str(fresh_int(1, 5))})
    expect(
        response.status == 400,
        f"A POST without a CSRF token must be refused with 400 before the view runs; yours answered {response.status}. Add "
        "CSRFProtect(app) and keep WTF_CSRF_ENABLED on"
        + (
            ". (A FlaskForm alone only marks its own form invalid, with the error on form.csrf_token, and a view that reads "
            "request.form is not protected at all)"
            if response.status == 200
            else ""
        ),
        expected="status 400 (The CSRF token is missing.)",
        response=response,
    )
    token = csrf_token(load_form(client))
    response = client.post("/signup", data={"name": name, "seats": "2"})
    expect(
        response.status == 400,
        "This visitor has loaded the form (so the app has given them a session), then posted without the token: that must still "
        f"be refused with 400; yours answered {response.status}. Having a session proves nothing, since the browser sends the "
        "cookie with a forged POST too: only the token does. Let CSRFProtect check every POST",
        expected="status 400 (The CSRF token is missing.)",
        response=response,
    )
    stranger = Client(client._transport)  # another visitor: a token from someone else's page is not theirs
    response = stranger.post("/signup", data={"name": name, "seats": "2", "csrf_token": token or fresh_word()})
    expect(
        response.status == 400,
        "A token copied from another visitor's page must be refused with 400: the token only counts with the session cookie it "
        "was made for. Let CSRFProtect check it; do not compare the token yourself",
        expected="status 400 (The CSRF session token is missing.)",
        response=response,
    )
    load_form(stranger)  # now the stranger has a session of their own, and a token of their own
    response = stranger.post("/signup", data={"name": name, "seats": "2", "csrf_token": token or fresh_word()})
    expect(
        response.status == 400,
        "A visitor who has their own session posted a token from another visitor's page, and the app accepted it. A token "
        "counts only with the session it was made for: let CSRFProtect check it, do not just check that a token was sent",
        expected="status 400 (The CSRF tokens do not match.)",
        response=response,
    )
    expect(entry_text(name, 2) not in listed(client) and name not in listed(client), "A refused POST must not store anything",
           expected=f"no {name!r} on /signups", actual=listed(client))


def expect_error(response, message, why):
    expect(
        message in response.text,
        f"{why}, so the page must show WTForms' message {message!r} next to the field: loop over field.errors in the template",
        expected=message,
        response=response,
    )


def expect_invalid(response, why):
    expect(
        response.status not in (301, 302, 303, 307, 308),
        f"{why}: that data is invalid, so store nothing and show the form again (status 200) with its errors. Store, flash "
        "and redirect only when form.validate_on_submit() is true",
        expected="status 200 with the form and its errors",
        response=response,
    )
    expect_status(response, 200)


def expect_kept(response, name, value):
    found = field(response, name)
    expect(
        found is not None and found.get("value") == value,
        f"The form shown again must keep what was typed in {name!r}: render the same form object the POST filled "
        f"({{{{ form.{name}() }}}}), not a new empty one",
        expected=f'<input name="{name}" value="{value}" ...>',
        actual=f"<input {' '.join(f'{k}={v!r}' for k, v in found.items())}>" if found else f"no input called {name!r}",
    )


def check_invalid_data_shows_errors(client):
    """Invalid data shows the form again (200) with the error messages and what was typed"""
    seats = str(fresh_int(6, 99))
    blank = " " * fresh_int(1, 3)
    response = submit(client, {"name": blank, "seats": seats})
    expect_invalid(response, f"A name of {len(blank)} space(s) and {seats} seats were sent")
    expect_error(
        response,
        REQUIRED,
        f"The name was {len(blank)} space(s) and nothing else, which counts as blank (DataRequired() refuses it; InputRequired() "
        "only checks that something was sent)",
    )
    expect_error(response, OUT_OF_RANGE, f"Seats was {seats}")
    expect_kept(response, "seats", seats)

    long_name = " ".join(fresh_word().capitalize() for _ in range(6))
    response = submit(client, {"name": long_name, "seats": "2"})
    expect_invalid(response, f"A name of {len(long_name)} characters was sent")
    expect_error(response, TOO_LONG, f"The name had {len(long_name)} characters")
    expect_kept(response, "name", long_name)
    expect_kept(response, "seats", "2")
    expect(long_name not in listed(client), "Invalid data must not be stored", expected=f"no {long_name!r} on /signups", actual=listed(client))


def check_seats_must_be_a_number_from_1_to_5(client):
    """Seats of 0, empty or words are refused with the range, required or number message"""
    name = fresh_title()
    response = submit(client, {"name": name, "seats": "0"})
    expect_invalid(response, "0 seats were sent")
    expect(
        OUT_OF_RANGE in response.text,
        f"0 seats must show {OUT_OF_RANGE!r}"
        + (
            f". The page says {REQUIRED!r} instead: DataRequired treats 0 as missing (0 is falsy). Use InputRequired() for a number"
            if REQUIRED in response.text
            else " next to the field: validate seats with NumberRange(min=1, max=5) and loop over field.errors in the template"
        ),
        expected=OUT_OF_RANGE,
        response=response,
    )
    response = submit(client, {"name": name, "seats": ""})
    expect_invalid(response, "An empty seats field was sent, and seats are required (InputRequired(); Optional() lets an empty field through)")
    expect_error(response, REQUIRED, "Seats was left empty, and seats are required (InputRequired(), not Optional())")
    response = submit(client, {"name": name, "seats": "two"})
    expect_invalid(response, "Seats 'two' was sent")
    expect_error(response, NOT_A_NUMBER, "Seats was 'two'; make it an IntegerField")
    expect(name not in listed(client), "Invalid data must not be stored", expected=f"no {name!r} on /signups", actual=listed(client))


def sign_up(client):
    name, seats = fresh_title(), fresh_int(1, 5)
    response = submit(client, {"name": name, "seats": str(seats)})
    if response.status == 200:
        message = (
            "A valid sign-up answered 200 with a page. After a successful POST, redirect instead (Post/Redirect/Get): "
            "return redirect(url_for(\"signups\")). A page rendered in answer to a POST is sent again when the visitor refreshes it, "
            "and that signs them up twice"
        )
    elif response.status in (307, 308):
        message = f"A {response.status} redirect makes the browser send the POST again to the new address. Use 303 (or Flask's default 302)"
    else:
        message = "A valid sign-up must be answered with a redirect (302 or 303) to /signups"
    expect(response.status in (302, 303), message, expected="status 302 or 303, Location: /signups", response=response)
    expect(path_of(response.location) == "/signups", "Redirect to the page that lists the sign-ups: redirect(url_for(\"signups\"))",
           expected="Location: /signups", response=response)
    return name, seats, response.location


def check_valid_post_redirects(client):
    """A valid sign-up is stored and answered with a redirect to /signups (Post/Redirect/Get)"""
    name, seats, _ = sign_up(client)
    expect(entry_text(name, seats) in listed(client), "The valid sign-up must be stored and listed on /signups",
           expected=entry_text(name, seats), actual=listed(client))


def check_flash_shown_once(client):
    """The page the redirect leads to shows the thanks message once, and only to the visitor who signed up"""
    name, seats, location = sign_up(client)
    other = Client(client._transport)
    seen_by_other = strip_space(other.get("/signups").text)
    expect(
        thanks(name) not in seen_by_other,
        "Another visitor saw the thanks message meant for the one who signed up. Keep it in that visitor's session with "
        "flash(...), not in a variable of the app",
        expected=f"no {thanks(name)!r} for another visitor",
        actual=seen_by_other,
    )
    target = urllib.parse.urlsplit(location)
    path = target.path + (f"?{target.query}" if target.query else "")
    first = client.get(path)
    expect_status(first, 200)
    expect(
        thanks(name) in strip_space(first.text),
        "After the redirect, the page must show the flashed message: call flash(f\"Thanks, {name}! You are signed up.\") before "
        "redirecting, and loop over get_flashed_messages() in the /signups template",
        expected=thanks(name),
        response=first,
    )
    expect(entry_text(name, seats) in strip_space(first.text), "The page after the redirect lists the new sign-up",
           expected=entry_text(name, seats), response=first)
    again = client.get(path)
    expect_status(again, 200)
    expect(
        thanks(name) not in strip_space(again.text),
        "The thanks message must show only once: loading the page again must not repeat it. get_flashed_messages() takes the "
        "messages out of the session; do not keep the message in the URL or in a variable",
        expected=f"no {thanks(name)!r} the second time",
        response=again,
    )
    expect(entry_text(name, seats) in strip_space(again.text), "The sign-up stays listed after the message is gone",
           expected=entry_text(name, seats), response=again)
