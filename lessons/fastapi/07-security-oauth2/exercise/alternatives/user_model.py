# Annotated aliases, status constants, and a small User model returned by the dependency.
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/token")

PASSWORDS = {"ada": "analytical engine"}
NOTES = {"ada": ["Note on the engine"]}
TOKENS: dict[str, str] = {}


def check_password(username: str, password: str) -> bool:
    # Stands in for verifying a password hash in this exercise.
    expected = PASSWORDS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


class User(BaseModel):
    username: str


def bearer_error(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


LoginForm = Annotated[OAuth2PasswordRequestForm, Depends()]
Token = Annotated[str, Depends(oauth2_scheme)]


@app.post("/token")
def login(form: LoginForm) -> dict[str, str]:
    if not check_password(form.username, form.password):
        raise bearer_error("Incorrect username or password")
    access_token = secrets.token_urlsafe()
    TOKENS[access_token] = form.username
    return {"access_token": access_token, "token_type": "bearer"}


def get_current_user(token: Token) -> User:
    username = TOKENS.get(token)
    if username is None:
        raise bearer_error("Not authenticated")
    return User(username=username)


@app.get("/notes")
def notes(user: Annotated[User, Depends(get_current_user)]):
    return {"owner": user.username, "notes": NOTES.get(user.username, [])}
