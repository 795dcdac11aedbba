# /me takes the dependency's user but still reads X-Token from request.headers itself to pick the answer:
# a test's override of get_current_user (or a fix to the token check) does not decide what /me returns.
from typing import Annotated

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
def me(user: CurrentUser, request: Request):
    return TOKENS.get(request.headers.get("x-token", ""), user)


@app.get("/notes")
def notes(user: CurrentUser):
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
