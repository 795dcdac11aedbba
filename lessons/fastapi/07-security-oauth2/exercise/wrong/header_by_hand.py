# Parses the Authorization header by hand instead of using oauth2_scheme: it answers like the real
# thing, but the API no longer declares its security scheme (no Authorize button in /docs).
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
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
    token = secrets.token_urlsafe(32)
    TOKENS[token] = form.username
    return {"access_token": token, "token_type": "bearer"}


def get_current_user(authorization: Annotated[str | None, Header()] = None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or token not in TOKENS:
        raise unauthorized("Not authenticated")
    return TOKENS[token]


@app.get("/notes")
def notes(username: Annotated[str, Depends(get_current_user)]):
    return {"owner": username, "notes": NOTES.get(username, [])}
