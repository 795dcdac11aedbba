# /notes uses the dependency but /me reads X-Token itself: the same answers over HTTP, but /me ignores
# get_current_user (a test's override, or a fix to the token check, never reaches it).
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


@app.get("/me")
def me(x_token: Annotated[str | None, Header()] = None):
    if x_token not in TOKENS:
        raise HTTPException(status_code=401, detail="Invalid or missing token")
    return TOKENS[x_token]


@app.get("/notes")
def notes(user: Annotated[dict, Depends(get_current_user)]):
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
