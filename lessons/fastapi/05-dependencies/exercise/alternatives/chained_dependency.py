# /notes depends on a second dependency that itself depends on get_current_user; the dependency
# and its helpers are imported under other names, and the user is a Pydantic model.
import fastapi as fa
from pydantic import BaseModel

app = fa.FastAPI()

TOKENS = {"t-ada": {"username": "ada"}, "t-grace": {"username": "grace"}}
NOTES = {"ada": ["Buy tea"], "grace": ["Fix bug", "Write docs"]}


class User(BaseModel):
    username: str


def get_current_user(x_token: str | None = fa.Header(default=None)) -> User:
    if x_token is None or x_token not in TOKENS:
        raise fa.HTTPException(status_code=401, detail="Invalid or missing token")
    return User(**TOKENS[x_token])


def notes_of_user(user: User = fa.Depends(get_current_user)) -> dict:
    return {"owner": user.username, "notes": NOTES.get(user.username, [])}


@app.get("/me")
def me(*, current: User = fa.Depends(get_current_user)) -> User:
    return current


@app.get("/notes")
def notes(mine: dict = fa.Depends(notes_of_user)) -> dict:
    return mine
