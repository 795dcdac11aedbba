# The dependency returns None for a missing or unknown token instead of raising 401.
from typing import Annotated

from fastapi import Depends, FastAPI, Header

app = FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


def get_current_user(x_token: Annotated[str | None, Header()] = None) -> dict | None:
    return TOKENS.get(x_token or "")


CurrentUser = Annotated[dict | None, Depends(get_current_user)]


@app.get("/me")
def me(user: CurrentUser):
    return user


@app.get("/notes")
def notes(user: CurrentUser):
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
