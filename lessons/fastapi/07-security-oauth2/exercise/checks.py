"""Checks for the JWT exercise.

The first check calls the given POST /setup with a secret key and three accounts made for this run
(fresh usernames and passwords, two sharing a password), and the later checks reuse them (argon2 is slow
on purpose). The checks know the key: they read the claims of an issued token, check its signature (HS256
with that key), and sign tokens of their own (one that expired, one in another algorithm) to see what
GET /users/me accepts. Tokens the key did not sign (tampered, another key, alg "none") are built without
it. /setup answers with what hash_password stored, which is how the checks see that passwords are kept
as salted argon2 hashes. /openapi.json shows that
/users/me takes its token from the OAuth2 password flow's scheme (OAuth2PasswordBearer), which is what
gives /docs its Authorize button; a header parsed by hand answers the same over HTTP but documents nothing.
"""

import base64
import json
import secrets
import time

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from crossroads_checks import expect, expect_json, expect_status, fresh_word

LIFETIME_LIMIT = 60 * 60  # the prompt: a token expires within an hour
SLACK = 120  # seconds of clock difference allowed between the app and the checks


_given = {}


def given(client):
    """This run's secret key and accounts, set once through /setup: (key, accounts, stored).

    accounts are three (username, password) pairs, the first two with the same password; stored is what
    hash_password kept for each username. Made once per run and reused (argon2 is slow on purpose:
    fewer hashes keep the run inside its time limit); a failed /setup is tried again by the next check.
    """
    if not _given:
        key = secrets.token_hex(32)
        shared, other = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
        names = [f"{fresh_word()}{index}" for index in range(3)]
        accounts = list(zip(names, [shared, shared, other]))
        response = client.post("/setup", json={"secret_key": key, "users": dict(accounts)})
        expect_status(response, 200)
        stored = expect_json(response).get("stored")
        expect(
            isinstance(stored, dict) and set(stored) == set(names),
            "POST /setup (given: leave it as it is) must answer with what hash_password stored for each account",
            expected=f"{{'stored': {{...}}}} for {names}",
            response=response,
        )
        _given.update(key=key, accounts=accounts, stored=stored)
    return _given["key"], _given["accounts"], _given["stored"]


def log_in(client, username, password):
    return client.post("/token", data={"username": username, "password": password})


def token_for(client, username, password):
    """Logs in and returns the access token, failing with what came back when there is none."""
    return token_from(log_in(client, username, password))


def token_from(response):
    expect_status(response, 200)
    body = expect_json(response)
    token = body.get("access_token")
    expect(
        isinstance(token, str) and token.count(".") == 2,
        "POST /token must answer with the JWT in access_token (three parts separated by dots)",
        expected='{"access_token": "<header>.<claims>.<signature>", "token_type": "bearer"}',
        response=response,
    )
    return token


def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=").decode()


def expect_refused(client, token, what, advice=""):
    """GET /users/me with this token must be refused with 401 and WWW-Authenticate: Bearer (advice: how to fix it)."""
    advice = f" {advice}" if advice else ""
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    response = client.get("/users/me", headers=headers)
    expect(
        response.status != 403,
        f"GET /users/me with {what} answered 403. 403 means 'I know who you are, and you may not'; "
        "a missing, invalid or expired token means 'who are you?': answer 401",
        expected="status 401 with WWW-Authenticate: Bearer",
        response=response,
    )
    expect(
        response.status != 500,
        f"GET /users/me crashed with 500 on {what}: get_current_user let a PyJWT error escape. Catch "
        "jwt.InvalidTokenError, the parent of every error jwt.decode raises for a bad token (expired, bad signature, "
        "algorithm not allowed, malformed), and raise your 401 from it (with algorithms=[\"HS256\"] pinned)",
        expected="status 401 with WWW-Authenticate: Bearer",
        response=response,
    )
    expect(
        response.status == 401,
        f"GET /users/me must answer 401 to {what}, got {response.status}.{advice}",
        expected="status 401 with WWW-Authenticate: Bearer",
        response=response,
    )
    challenge = response.headers.get("WWW-Authenticate") or ""
    expect(
        challenge.lower().startswith("bearer"),
        f"The 401 for {what} must carry the header WWW-Authenticate: Bearer (pass headers= to HTTPException)",
        expected="WWW-Authenticate: Bearer",
        response=response,
    )


def check_passwords_are_argon2_hashes(client):
    """Passwords are stored as salted argon2 hashes, never as the password itself"""
    _, accounts, stored = given(client)
    hasher = PasswordHasher()
    for username, password in accounts[1:]:
        value = stored[username]
        expect(
            isinstance(value, str) and password not in value,
            f"hash_password stored the password itself for {username!r}: anyone who reads the stored "
            "value (a backup, a leaked database) can sign in. Store hasher.hash(password) from argon2-cffi",
            expected="an argon2 hash such as $argon2id$v=19$m=65536,t=3,p=4$...",
            actual=repr(value),
        )
        expect(
            value.startswith("$argon2"),
            f"hash_password must store an argon2 hash (argon2-cffi's PasswordHasher().hash(password)); for "
            f"{username!r} it stored something else. Fast hashes such as SHA-256 let a stolen database be guessed quickly",
            expected="$argon2id$v=19$m=65536,t=3,p=4$...",
            actual=repr(value),
        )
        try:
            matches = hasher.verify(value, password)
        except (VerificationError, InvalidHashError):
            matches = False
        expect(
            matches,
            f"The argon2 hash stored for {username!r} does not match the password it was made from",
            expected="PasswordHasher().verify(stored, password) is True",
            actual=repr(value),
        )
    first, second = (stored[name] for name, _ in accounts[:2])
    expect(
        first != second,
        "Two accounts with the same password got the same stored hash: each hash needs its own random salt "
        "(PasswordHasher().hash adds one by itself)",
        expected="two different hashes",
        actual=f"{first!r} twice",
    )


def check_token_is_a_signed_expiring_jwt(client):
    """POST /token returns a bearer JWT for the user, signed with HS256, expiring within an hour"""
    key, accounts, _ = given(client)
    username, password = accounts[0]
    issued_at = time.time()
    response = log_in(client, username, password)
    token = token_from(response)
    body = expect_json(response)
    expect(
        str(body.get("token_type", "")).lower() == "bearer",
        'POST /token must say what kind of token it is: "token_type": "bearer"',
        expected='{"access_token": "...", "token_type": "bearer"}',
        response=response,
    )
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        expect(False, f"The access_token is not a JWT that can be read ({error})", expected="a JWT", actual=token)
    expect(
        header.get("alg") == "HS256",
        f"Sign the token with HS256: jwt.encode(claims, key, algorithm=\"HS256\") (its header says {header.get('alg')!r})",
        expected='header {"alg": "HS256", ...}',
        actual=json.dumps(header),
    )
    expect(
        claims.get("sub") == username,
        f"The token's sub claim must be the username that logged in ({username!r})",
        expected=f'claims {{"sub": "{username}", "exp": ...}}',
        actual=json.dumps(claims),
    )
    expect(
        "exp" in claims,
        "The token has no exp claim, so it never expires: anyone who copies it keeps access for ever. "
        "Add \"exp\": datetime.now(timezone.utc) + timedelta(minutes=30)",
        expected=f'claims {{"sub": "{username}", "exp": <in 30 minutes>}}',
        actual=json.dumps(claims),
    )
    exp = claims["exp"]
    expect(
        isinstance(exp, (int, float)) and not isinstance(exp, bool),
        "exp must be a time in seconds since 1970 (PyJWT converts a datetime for you)",
        expected="a number such as 1767225600",
        actual=json.dumps(claims),
    )
    minutes = (exp - issued_at) / 60
    expect(
        issued_at - SLACK < exp <= issued_at + LIFETIME_LIMIT + SLACK,
        f"The token must expire within an hour of being issued; this one expires {minutes:.0f} minutes from now. "
        "Short lifetimes limit the harm of a stolen token",
        expected="exp between now and now + 60 minutes",
        actual=json.dumps(claims),
    )
    try:
        jwt.decode(token, key, algorithms=["HS256"])
    except jwt.InvalidSignatureError:
        expect(
            False,
            "The token's signature does not match the secret key the checks set through /setup: sign with "
            'SETTINGS["secret_key"], read when you sign (not copied once at start-up)',
            expected="a signature made with SETTINGS['secret_key']",
            actual=token,
        )


def check_wrong_password_refused(client):
    """POST /token refuses a wrong password and an unknown user with 401"""
    _, accounts, _ = given(client)
    (name, password), _, (_, other_password) = accounts
    attempts = [
        (name, other_password, f"{name!r} with another account's password"),
        (fresh_word(), password, "an unknown username"),
    ]
    for username, attempt, what in attempts:
        response = log_in(client, username, attempt)
        expect(
            response.status == 401,
            f"POST /token must refuse {what} with 401, got {response.status}",
            expected="status 401",
            response=response,
        )
        challenge = response.headers.get("WWW-Authenticate") or ""
        expect(
            challenge.lower().startswith("bearer"),
            f"The 401 for {what} must carry the header WWW-Authenticate: Bearer",
            expected="WWW-Authenticate: Bearer",
            response=response,
        )


def check_me_with_token(client):
    """GET /users/me with a bearer token answers with that token's user"""
    _, accounts, _ = given(client)
    tokens = {username: token_for(client, username, password) for username, password in (accounts[0], accounts[2])}
    for username, token in tokens.items():
        response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
        expect_status(response, 200)
        expect_json(response, {"username": username})


def check_missing_token_refused(client):
    """GET /users/me without a bearer token answers 401 with WWW-Authenticate: Bearer"""
    given(client)
    expect_refused(client, None, "no Authorization header")
    response = client.get("/users/me", headers={"Authorization": "Basic " + base64.b64encode(b"a:b").decode()})
    expect(
        response.status == 401,
        f"GET /users/me must refuse a Basic (not Bearer) Authorization header with 401, got {response.status}",
        expected="status 401",
        response=response,
    )


def check_forged_tokens_refused(client):
    """GET /users/me refuses tokens that were changed, signed with another key, or not signed"""
    key, accounts, _ = given(client)
    (name, password), _, (other_name, _) = accounts
    token = token_for(client, name, password)
    header, payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    # The app's own claims (iss, iat, a token type...) are kept, so only the signature or algorithm is wrong
    valid = {**claims, "sub": name, "exp": int(time.time()) + 600}
    forged = [
        ("not-a-jwt", "a token that is not a JWT", ""),
        (
            f"{header}.{b64({**claims, 'sub': other_name})}.{signature}",
            f"a token whose claims were changed to sub={other_name!r} after it was signed",
            'Check the signature: jwt.decode(token, key, algorithms=["HS256"]), never verify_signature=False.',
        ),
        (
            jwt.encode(valid, secrets.token_hex(32), algorithm="HS256"),
            "a token signed with a different secret key",
            'Verify with your key: jwt.decode(token, SETTINGS["secret_key"], algorithms=["HS256"]).',
        ),
        (
            f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(valid)}.",
            'an unsigned token (header alg "none")',
            'Pin the algorithm: algorithms=["HS256"], never one read from the token\'s header.',
        ),
        (
            jwt.encode(valid, key, algorithm="HS512"),
            "a token whose header chooses HS512",
            'Decode with algorithms=["HS256"] so the token cannot pick its own algorithm.',
        ),
    ]
    for value, what, advice in forged:
        expect_refused(client, value, what, advice)


def check_expired_token_refused(client):
    """GET /users/me refuses a correctly signed token once it has expired"""
    key, accounts, _ = given(client)
    name, password = accounts[2]
    # The checks re-sign the claims of a token the app issued (so any extra claims it requires are there),
    # first with exp in 5 minutes (a control: it must be accepted), then with exp 10 minutes ago.
    issued = jwt.decode(token_for(client, name, password), options={"verify_signature": False})
    now = int(time.time())
    fresh_claims = {**issued, "sub": name, "exp": now + 300}
    fresh = jwt.encode(fresh_claims, key, algorithm="HS256")
    response = client.get("/users/me", headers={"Authorization": f"Bearer {fresh}"})
    expect(
        response.status == 200,
        f"GET /users/me refused a token the checks signed with SETTINGS['secret_key'] (HS256, the claims of a token "
        f"your app issued, with exp in 5 minutes: {json.dumps(fresh_claims)}). Verify with the key read when the "
        "request comes (the checks set it through /setup)",
        expected="status 200",
        response=response,
    )
    backdated = {claim: now - 1200 for claim in ("iat", "nbf") if claim in issued}
    expired = jwt.encode({**fresh_claims, **backdated, "exp": now - 600}, key, algorithm="HS256")
    expect_refused(
        client,
        expired,
        "a token that expired 10 minutes ago",
        "jwt.decode checks exp when you leave its options alone (it raises jwt.ExpiredSignatureError): do not turn "
        "verify_exp off.",
    )


def check_openapi_security(client):
    """/users/me is documented as protected by the OAuth2 password flow (oauth2_scheme)"""
    response = client.get("/openapi.json")
    expect_status(response, 200)
    spec = expect_json(response)
    schemes = spec.get("components", {}).get("securitySchemes", {})
    password_flows = {
        name for name, scheme in schemes.items()
        if scheme.get("type") == "oauth2" and str(scheme.get("flows", {}).get("password", {}).get("tokenUrl", "")).lstrip("/") == "token"
    }
    used = spec.get("paths", {}).get("/users/me", {}).get("get", {}).get("security", [])
    expect(
        any(name in requirement for requirement in used for name in password_flows),
        "GET /users/me must get its token from oauth2_scheme (OAuth2PasswordBearer(tokenUrl=\"token\")) through "
        "get_current_user, so the API documents it and /docs offers the Authorize button",
        expected={"security": [{"OAuth2PasswordBearer": []}]},
        actual={"securitySchemes": schemes, "GET /users/me security": used},
    )
