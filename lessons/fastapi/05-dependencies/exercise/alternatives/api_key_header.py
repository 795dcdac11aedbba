# FastAPI's APIKeyHeader security helper (auto_error=False, so the dependency chooses the 401 body).
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import APIKeyHeader

app = FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}

token_scheme = APIKeyHeader(name="X-Token", auto_error=False)


def get_current_user(token: Annotated[str | None, Security(token_scheme)]) -> dict:
    try:
        return TOKENS[token]
    except KeyError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Invalid or missing token") from None


User = Annotated[dict, Depends(get_current_user)]


@app.get("/me")
def me(user: User) -> dict:
    return user


@app.get("/notes")
def notes(user: User) -> dict:
    return {"owner": user["username"], "notes": NOTES.get(user["username"], [])}
