# The older `= Depends()` default style, a Token response model and secrets.token_hex.
import hmac
import secrets

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

PASSWORDS = {"ada": "analytical engine"}
NOTES = {"ada": ["Note on the engine"]}
TOKENS: dict[str, str] = {}


def check_password(username: str, password: str) -> bool:
    # Stands in for verifying a password hash in this exercise.
    expected = PASSWORDS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


@app.post("/token", response_model=Token)
async def login(form: OAuth2PasswordRequestForm = Depends()):
    if not check_password(form.username, form.password):
        raise HTTPException(401, "Incorrect username or password", headers={"WWW-Authenticate": "Bearer"})
    token = secrets.token_hex(24)
    TOKENS[token] = form.username
    return Token(access_token=token)


async def get_current_user(token: str = Depends(oauth2_scheme)) -> str:
    if token not in TOKENS:
        raise HTTPException(401, "Could not validate credentials", headers={"WWW-Authenticate": "Bearer"})
    return TOKENS[token]


@app.get("/notes")
async def notes(username: str = Depends(get_current_user)):
    return {"owner": username, "notes": list(NOTES.get(username, []))}
