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
    # Stands in for verifying a password hash in this exercise.
    expected = PASSWORDS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


@app.post("/token")
def login():
    return {"access_token": "todo", "token_type": "bearer"}


@app.get("/notes")
def notes():
    return {"owner": "ada", "notes": NOTES["ada"]}
