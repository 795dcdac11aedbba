# The endpoints live on APIRouters: /notes on one with prefix="/notes" (its route path is ""), /me
# declared with the path= keyword; both routers are included into the app.
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


def get_current_user(x_token: Annotated[str | None, Header()] = None) -> dict:
    if x_token in TOKENS:
        return TOKENS[x_token]
    raise HTTPException(status_code=401, detail="Invalid or missing token")


CurrentUser = Annotated[dict, Depends(get_current_user)]

account = APIRouter(tags=["account"])
notes_router = APIRouter(prefix="/notes", tags=["notes"])


@account.get(path="/me")
def read_me(user: CurrentUser) -> dict:
    return user


@notes_router.get("")
def list_notes(user: CurrentUser) -> dict:
    name = user["username"]
    return {"owner": name, "notes": NOTES.get(name, [])}


app = FastAPI()
app.include_router(account)
app.include_router(notes_router)
