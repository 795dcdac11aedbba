from crossroads_checks import expect, expect_header, expect_json, expect_status, fresh_word, shuffled

USERNAME, PASSWORD = "ada", "analytical engine"  # the starter's PASSWORDS
NOTES = {"owner": "ada", "notes": ["Note on the engine"]}
WRONG = {"detail": "Incorrect username or password"}


def sign_in(client):
    response = client.post("/token", data={"username": USERNAME, "password": PASSWORD})
    expect_status(response, 200)
    body = expect_json(response)
    token = body.get("access_token")
    expect(
        body.get("token_type") == "bearer" and isinstance(token, str) and token,
        "POST /token with the right password answers with an access_token and token_type 'bearer'",
        expected={"access_token": "<a new random token>", "token_type": "bearer"},
        response=response,
    )
    return token


def expect_bearer_401(response):
    expect_status(response, 401)
    expect_header(response, "WWW-Authenticate", "Bearer")


def check_token_issued(client):
    """POST /token gives every sign-in a new, unguessable token"""
    tokens = [sign_in(client) for _ in range(3)]
    expect(len(set(tokens)) == 3, "Three sign-ins must get three different tokens", expected="three different tokens", actual=tokens)
    short = [token for token in tokens if len(token) < 16 or PASSWORD in token]
    # A random token holds the 3 letters of the username now and then ("...743ada9..."); one built from
    # it holds them every time.
    from_username = all(USERNAME in token for token in tokens)
    expect(
        not short and not from_username,
        "A token must be long and random (at least 16 characters, e.g. secrets.token_urlsafe(32)), not built from the username or password",
        expected="random tokens of 16 characters or more",
        actual=tokens,
    )


def check_wrong_password(client):
    """A wrong password or an unknown user is a 401 with WWW-Authenticate: Bearer"""
    attempts = [(USERNAME, fresh_word()), (USERNAME, PASSWORD.upper()), (fresh_word(), PASSWORD), (fresh_word(), fresh_word())]
    for username, password in shuffled(attempts):
        response = client.post("/token", data={"username": username, "password": password})
        expect_bearer_401(response)
        expect_json(response, WRONG)


def check_notes_need_token(client):
    """GET /notes without a token is a 401 with WWW-Authenticate: Bearer"""
    expect_bearer_401(client.get("/notes"))


def check_notes_with_token(client):
    """GET /notes with a token from /token returns the owner's notes (every issued token works)"""
    tokens = [sign_in(client), sign_in(client)]
    for token in shuffled(tokens):
        response = client.get("/notes", headers={"Authorization": f"Bearer {token}"})
        expect_status(response, 200)
        expect_json(response, NOTES)


def check_bad_token(client):
    """An unknown or malformed token is a 401 with WWW-Authenticate: Bearer"""
    token = sign_in(client)
    for header in shuffled([f"Bearer {fresh_word()}{fresh_word()}", f"Bearer {token[:-1]}", f"Basic {token}"]):
        expect_bearer_401(client.get("/notes", headers={"Authorization": header}))


def check_openapi_security(client):
    """/notes is documented as protected by the OAuth2 password flow (oauth2_scheme)"""
    response = client.get("/openapi.json")
    expect_status(response, 200)
    spec = expect_json(response)
    schemes = spec.get("components", {}).get("securitySchemes", {})
    password_flows = {
        name for name, scheme in schemes.items()
        if scheme.get("type") == "oauth2" and str(scheme.get("flows", {}).get("password", {}).get("tokenUrl", "")).lstrip("/") == "token"
    }
    used = spec.get("paths", {}).get("/notes", {}).get("get", {}).get("security", [])
    expect(
        any(name in requirement for requirement in used for name in password_flows),
        "GET /notes must get its token from oauth2_scheme (OAuth2PasswordBearer(tokenUrl=\"token\")) through "
        "get_current_user, so the API documents it and /docs offers the Authorize button",
        expected={"security": [{"OAuth2PasswordBearer": []}]},
        actual={"securitySchemes": schemes, "GET /notes security": used},
    )
