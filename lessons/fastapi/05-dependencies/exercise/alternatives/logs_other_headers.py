# /notes logs the User-Agent (from request.headers) and Accept-Language (a Header() parameter): other headers than
# the token, so the endpoint still leaves X-Token to get_current_user.
from typing import Annotated

import logging

from fastapi import Depends, FastAPI, Header, HTTPException, Request

app = FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


def get_current_user(x_token: Annotated[str | None, Header()] = None) -> dict:
    user = TOKENS.get(x_token or "")
    if user is None:
        raise HTTPException(status_code=401, detail="Invalid or missing token")
    return user


CurrentUser = Annotated[dict, Depends(get_current_user)]


@app.get("/me")
def me(user: CurrentUser):
    return user


log = logging.getLogger("notes")


@app.get("/notes")
def notes(user: CurrentUser, request: Request, accept_language: Annotated[str | None, Header()] = None):
    log.info("notes for %s from %s (%s)", user["username"], request.headers.get("user-agent", "?"), accept_language)
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
