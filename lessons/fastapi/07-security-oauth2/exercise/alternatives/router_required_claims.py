# An APIRouter, the older `= Depends()` default style, a module-level PasswordHasher used inline,
# jwt.decode told to require exp and sub, and an expired token told apart in the 401's detail.
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from argon2 import PasswordHasher, exceptions as argon2_errors
from fastapi import APIRouter, Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

SETTINGS = {"secret_key": secrets.token_hex(32)}
USERS: dict[str, str] = {}
LIFETIME = timedelta(minutes=20)

ph = PasswordHasher()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
auth = APIRouter()
users = APIRouter(prefix="/users")


def hash_password(password: str) -> str:
    return ph.hash(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        return ph.verify(stored, password)
    except argon2_errors.VerificationError:
        return False


def create_access_token(username: str) -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": username, "iat": now, "exp": now + LIFETIME}, SETTINGS["secret_key"], "HS256")


def refuse(detail: str):
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


@auth.post("/token")
def login(form: OAuth2PasswordRequestForm = Depends()):
    stored = USERS.get(form.username)
    if stored is None:
        ph.hash(form.password)  # the same slow work as a real check
        raise refuse("Incorrect username or password")
    if not verify_password(form.password, stored):
        raise refuse("Incorrect username or password")
    return {"access_token": create_access_token(form.username), "token_type": "bearer"}


def get_current_user(token: str = Depends(oauth2_scheme)) -> str:
    try:
        claims = jwt.decode(
            token,
            SETTINGS["secret_key"],
            algorithms=["HS256"],
            options={"require": ["exp", "sub"]},
        )
    except jwt.ExpiredSignatureError:
        raise refuse("Token expired")
    except jwt.InvalidTokenError:
        raise refuse("Invalid token")
    if claims["sub"] not in USERS:
        raise refuse("Invalid token")
    return claims["sub"]


@users.get("/me")
def read_me(username: str = Depends(get_current_user)):
    return {"username": username}


app = FastAPI()
app.include_router(auth)
app.include_router(users)


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
