# Extra claims a production token often carries (iss, iat, jti, a token type), all required and checked on the way in.
import secrets
from datetime import datetime, timedelta, timezone
from typing import Annotated

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
hasher = PasswordHasher()

SETTINGS = {"secret_key": secrets.token_hex(32)}
ALGORITHM = "HS256"
ISSUER = "crossroads-shop"
ACCESS_TOKEN_MINUTES = 30
USERS: dict[str, str] = {}  # username -> stored password hash


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except VerificationError:
        return False


NO_SUCH_USER = hash_password(secrets.token_urlsafe())  # a hash no password matches


def create_access_token(username: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "sub": username,
        "iss": ISSUER,
        "iat": now,
        "exp": now + timedelta(minutes=ACCESS_TOKEN_MINUTES),
        "type": "access",  # a refresh token would say "refresh" and be refused here
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(claims, SETTINGS["secret_key"], algorithm=ALGORITHM)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


@app.post("/token")
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    stored = USERS.get(form.username, NO_SUCH_USER)
    if not verify_password(form.password, stored):
        raise unauthorized("Incorrect username or password")
    return {"access_token": create_access_token(form.username), "token_type": "bearer"}


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    try:
        claims = jwt.decode(
            token,
            SETTINGS["secret_key"],
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "iss"]},
        )
    except jwt.InvalidTokenError:
        raise unauthorized("Invalid or expired token")
    if claims.get("type") != "access":
        raise unauthorized("Not an access token")
    username = claims.get("sub")
    if username not in USERS:
        raise unauthorized("Invalid or expired token")
    return username


@app.get("/users/me")
def read_me(username: Annotated[str, Depends(get_current_user)]):
    return {"username": username}


# Given: leave it as it is. The checks set this run's secret key and add their accounts here,
# and read back what hash_password stored for each.
class Setup(BaseModel):
    secret_key: str
    users: dict[str, str]  # username -> password


@app.post("/setup")
def setup(body: Setup):
    SETTINGS["secret_key"] = body.secret_key
    for username, password in body.users.items():
        USERS[username] = hash_password(password)
    return {"stored": {username: USERS[username] for username in body.users}}
