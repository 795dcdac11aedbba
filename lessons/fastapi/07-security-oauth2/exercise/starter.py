import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

SETTINGS = {"secret_key": secrets.token_hex(32)}  # read it when you sign or verify: /setup replaces it
USERS: dict[str, str] = {}  # username -> what hash_password stored
TOKENS: dict[str, str] = {}  # token -> username: replace with signed JWTs


def hash_password(password: str) -> str:
    return password  # TODO: an argon2 hash


def verify_password(password: str, stored: str) -> bool:
    return password == stored  # TODO: verify against the argon2 hash


def create_access_token(username: str) -> str:
    token = secrets.token_urlsafe(32)  # TODO: a JWT with sub and exp, signed with HS256
    TOKENS[token] = username
    return token


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


@app.post("/token")
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    stored = USERS.get(form.username)
    if stored is None or not verify_password(form.password, stored):
        raise unauthorized("Incorrect username or password")
    return {"access_token": create_access_token(form.username), "token_type": "bearer"}


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    username = TOKENS.get(token)  # TODO: decode and verify the JWT
    if username is None:
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
