# The header is read by a small sub-dependency; async functions; the older `= Depends(...)` default style.
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


async def token_header(token: str | None = Header(default=None, alias="X-Token")) -> str | None:
    return token


async def get_current_user(token: str | None = Depends(token_header)) -> dict:
    if token not in TOKENS:
        raise HTTPException(status_code=401, detail="Invalid or missing token")
    return TOKENS[token]


@app.get("/me")
async def me(user: dict = Depends(get_current_user)):
    return user


@app.get("/notes")
async def notes(user: dict = Depends(get_current_user)):
    username = user["username"]
    return {"owner": username, "notes": list(NOTES.get(username, []))}
