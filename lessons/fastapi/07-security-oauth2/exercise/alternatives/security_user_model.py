# Security(oauth2_scheme) instead of Depends, a User model returned by the dependency, exp as an
# integer timestamp from time.time(), argon2 parameters spelled out, and PyJWT's base error caught.
import secrets
import time
from typing import Annotated

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)

SETTINGS = {"secret_key": secrets.token_hex(32)}
TOKEN_SECONDS = 15 * 60
USERS: dict[str, str] = {}


class User(BaseModel):
    username: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        hasher.verify(stored, password)
    except (VerifyMismatchError, InvalidHashError):
        return False
    return True


DUMMY_HASH = hash_password("no account has this password " + secrets.token_hex(8))


def create_access_token(username: str) -> str:
    payload = {"sub": username, "exp": int(time.time()) + TOKEN_SECONDS}
    return jwt.encode(payload, SETTINGS["secret_key"], algorithm="HS256")


CREDENTIALS_ERROR = HTTPException(
    status_code=401,
    detail="Could not validate credentials",
    headers={"WWW-Authenticate": "Bearer"},
)


@app.post("/token", response_model=Token)
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    known = form.username in USERS
    ok = verify_password(form.password, USERS.get(form.username, DUMMY_HASH))
    if not (known and ok):
        raise HTTPException(
            status_code=401,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(access_token=create_access_token(form.username))


def get_current_user(token: Annotated[str, Security(oauth2_scheme)]) -> User:
    try:
        payload = jwt.decode(token, SETTINGS["secret_key"], algorithms=["HS256"])
    except jwt.PyJWTError:
        raise CREDENTIALS_ERROR
    username = payload.get("sub")
    if not isinstance(username, str) or username not in USERS:
        raise CREDENTIALS_ERROR
    return User(username=username)


CurrentUser = Annotated[User, Depends(get_current_user)]


@app.get("/users/me")
def read_me(user: CurrentUser) -> User:
    return user


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
