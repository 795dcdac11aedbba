import itertools

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
USERS: dict[int, dict] = {}
NEXT_ID = itertools.count(1)  # never hands out the same id twice, even after a delete


class UserIn(BaseModel):
    username: str
    password: str


class UserPublic(BaseModel):
    id: int
    username: str


@app.post("/users", status_code=201, response_model=UserPublic)
def create_user(user: UserIn):
    # The reversed password stands in for a real password hash (the lesson "Protect an API with
    # OAuth2 password flow and bearer tokens" shows how to make one).
    record = {"id": next(NEXT_ID), "username": user.username, "password_hash": "scrypt$" + user.password[::-1]}
    USERS[record["id"]] = record
    return record


@app.get("/users/{user_id}", response_model=UserPublic)
def read_user(user_id: int):
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return USERS[user_id]


@app.delete("/users/{user_id}", status_code=204)
def delete_user(user_id: int) -> None:
    if USERS.pop(user_id, None) is None:
        raise HTTPException(status_code=404, detail="User not found")
