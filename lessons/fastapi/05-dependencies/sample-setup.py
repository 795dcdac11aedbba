from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
TOKENS = {"secret-ada": {"username": "ada"}}


def get_token(authorization: Annotated[str | None, Header()] = None) -> str:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="Missing token")
    return authorization.removeprefix("Bearer ")


def get_current_user(token: Annotated[str, Depends(get_token)]) -> dict:
    user = TOKENS.get(token)
    if user is None:
        raise HTTPException(status_code=401, detail="Invalid token")
    return user


CurrentUser = Annotated[dict, Depends(get_current_user)]


@app.get("/me")
def me(user: CurrentUser):
    return user
