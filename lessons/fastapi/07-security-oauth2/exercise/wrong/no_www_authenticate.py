# The 401 for an unknown token and for a wrong password has no WWW-Authenticate: Bearer header.
import hmac
import secrets
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


@app.post("/token")
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    if not check_password(form.username, form.password):
        raise HTTPException(status_code=401, detail="Incorrect username or password")
    token = secrets.token_urlsafe(32)
    TOKENS[token] = form.username
    return {"access_token": token, "token_type": "bearer"}


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    if token not in TOKENS:
        raise HTTPException(status_code=401, detail="Invalid token")
    return TOKENS[token]


@app.get("/notes")
def notes(username: Annotated[str, Depends(get_current_user)]):
    return {"owner": username, "notes": NOTES.get(username, [])}
