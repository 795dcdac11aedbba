# Both endpoints declare the dependency but never use its value: they look the token up again
# through a header-reading helper, so a test's override of get_current_user changes nothing.
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


def get_current_user(x_token: Annotated[str | None, Header()] = None) -> dict:
    user = TOKENS.get(x_token or "")
    if user is None:
        raise HTTPException(status_code=401, detail="Invalid or missing token")
    return user


def token(x_token: Annotated[str | None, Header()] = None) -> str | None:
    return x_token


@app.get("/me")
def me(tok: Annotated[str, Depends(token)], user=Depends(get_current_user)):
    return TOKENS[tok]


@app.get("/notes")
def notes(tok: Annotated[str, Depends(token)], user=Depends(get_current_user)):
    username = TOKENS[tok]["username"]
    return {"owner": username, "notes": NOTES.get(username, [])}
