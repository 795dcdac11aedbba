import random

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_word

USERNAME_MESSAGE = "username may contain only letters and digits"
PASSWORDS_MESSAGE = "passwords do not match"


def password():
    return fresh_word() + str(fresh_int(1000, 9999))


def signup_body(**changes):
    secret = password()
    body = {"username": fresh_word() + str(fresh_int(1, 99)), "password": secret, "password_again": secret}
    body.update(changes)
    return body


def errors_of(response, what):
    """The errors list of a 422, after checking its shape."""
    expect(response.status == 422, f"{what} must be rejected with 422, got {response.status}", expected="status 422", response=response)
    body = expect_json(response)
    errors = body.get("errors")
    expect(
        set(body) == {"errors"} and isinstance(errors, list) and errors,
        "A 422 answers with {\"errors\": [...]}, one entry per problem, from your RequestValidationError handler",
        expected={"errors": [{"field": "...", "message": "..."}]},
        response=response,
    )
    for error in errors:
        expect(
            isinstance(error, dict) and set(error) == {"field", "message"} and all(isinstance(v, str) for v in error.values()),
            "Each error is an object with exactly two strings, field and message",
            expected={"field": "username", "message": "..."},
            actual=error,
        )
    return errors


def expect_error(errors, field, message_end, response):
    found = any(e["field"] == field and e["message"].endswith(message_end) for e in errors)
    about = f" whose message is Pydantic's msg (ending {message_end!r})" if message_end else ""
    expect(
        found,
        f"Expected an error for field {field!r}{about}",
        expected={"field": field, "message": f"... {message_end}" if message_end else "Pydantic's msg"},
        response=response,
    )


def check_valid_signup(client):
    """A valid sign-up answers 201 with the username lowercased and stripped"""
    name = "".join(random.choice((str.upper, str.lower))(c) for c in fresh_word()) + str(fresh_int(1, 999))
    response = client.post("/signup", json=signup_body(username=f"  {name} "))
    expect_status(response, 201)
    expect_json(response, {"username": name.lower()})


def check_username_rule(client):
    """A username that is not only letters and digits is rejected on the username field"""
    for bad in (fresh_word() + "!", f"{fresh_word()} {fresh_word()}", f"{fresh_word()}_{fresh_int()}", f"{fresh_word()}.{fresh_word()}"):
        response = client.post("/signup", json=signup_body(username=bad))
        errors = errors_of(response, f"The username {bad!r}")
        expect_error(errors, "username", USERNAME_MESSAGE, response)


def check_passwords_match(client):
    """Different passwords are rejected for the whole body"""
    response = client.post("/signup", json=signup_body(password_again=password()))
    errors = errors_of(response, "Two different passwords")
    expect_error(errors, "body", PASSWORDS_MESSAGE, response)


def check_short_password(client):
    """A short password is reported on the password field"""
    short = fresh_word()[:5]
    response = client.post("/signup", json=signup_body(password=short, password_again=short))
    errors = errors_of(response, "A 5-character password")
    expect_error(errors, "password", "", response)


def check_missing_field(client):
    """A missing field is reported by its name with Pydantic's message"""
    body = signup_body()
    del body["password_again"]
    response = client.post("/signup", json=body)
    errors = errors_of(response, "A body without password_again")
    expect_error(errors, "password_again", "Field required", response)


def check_missing_body(client):
    """No body at all is reported on the field 'body'"""
    response = client.post("/signup")
    errors = errors_of(response, "A request without a body")
    expect_error(errors, "body", "Field required", response)


def check_every_error_listed(client):
    """Several problems at once give one entry each"""
    short = fresh_word()[:4]
    response = client.post("/signup", json=signup_body(username=fresh_word() + "#", password=short, password_again=short))
    errors = errors_of(response, "A bad username with a short password")
    expect_error(errors, "username", USERNAME_MESSAGE, response)
    expect_error(errors, "password", "", response)
