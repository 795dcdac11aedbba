# /me sets a Cache-Control header on the response (per-user data): writing a response header is not reading the token.
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Response

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
def me(user: CurrentUser, response: Response):
    # Per-user data: tell caches not to keep it.
    response.headers["Cache-Control"] = "no-store"
    return user


@app.get("/notes")
def notes(user: CurrentUser):
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
