# The alias is built in two steps: UserDep = Depends(get_current_user); CurrentUser = Annotated[dict, UserDep].
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


UserDep = Depends(get_current_user)
CurrentUser = Annotated[dict, UserDep]


@app.get("/me")
def me(user: CurrentUser):
    return user


@app.get("/notes")
def notes(user: CurrentUser):
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
