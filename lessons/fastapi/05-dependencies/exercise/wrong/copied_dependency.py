# get_current_user exists, but the endpoints depend on a copy of it: the answers are the same, yet
# overriding get_current_user in a test (or fixing the token check there) changes nothing.
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


def user_from_token(x_token: Annotated[str | None, Header()] = None) -> dict:
    if x_token not in TOKENS:
        raise HTTPException(status_code=401, detail="Invalid or missing token")
    return TOKENS[x_token]


@app.get("/me")
def me(user: Annotated[dict, Depends(user_from_token)]):
    return user


@app.get("/notes")
def notes(user: Annotated[dict, Depends(user_from_token)]):
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
