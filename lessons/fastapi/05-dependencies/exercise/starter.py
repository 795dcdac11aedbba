from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


@app.get("/me")
def me(x_token: Annotated[str | None, Header()] = None):
    return TOKENS[x_token]


@app.get("/notes")
def notes():
    return {"owner": None, "notes": []}
