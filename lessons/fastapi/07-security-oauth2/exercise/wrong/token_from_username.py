# The token is derived from the username, so every sign-in gets the same token and anyone who knows
# the scheme can forge one.
import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

PASSWORDS = {"ada": "analytical engine"}
NOTES = {"ada": ["Note on the engine"]}
TOKENS: dict[str, str] = {}


def check_password(username: str, password: str) -> bool:
    expected = PASSWORDS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


@app.post("/token")
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    if not check_password(form.username, form.password):
        raise unauthorized("Incorrect username or password")
    token = hashlib.sha256(form.username.encode()).hexdigest()
    TOKENS[token] = form.username
    return {"access_token": token, "token_type": "bearer"}


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    username = TOKENS.get(token)
    if username is None:
        raise unauthorized("Invalid token")
    return username


@app.get("/notes")
def notes(username: Annotated[str, Depends(get_current_user)]):
    return {"owner": username, "notes": NOTES.get(username, [])}
