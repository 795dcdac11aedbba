# Stored users are UserInDB models that inherit from UserPublic; the return annotation filters them.
import itertools

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel

app = FastAPI()


class UserIn(BaseModel):
    username: str
    password: str


class UserPublic(BaseModel):
    id: int
    username: str


class UserInDB(UserPublic):
    password_hash: str


USERS: dict[int, UserInDB] = {}
ids = itertools.count(1)


def find(user_id: int) -> UserInDB:
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "User not found")
    return user


@app.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(user: UserIn) -> UserPublic:
    stored = UserInDB(id=next(ids), username=user.username, password_hash="scrypt$" + user.password[::-1])
    USERS[stored.id] = stored
    return stored


@app.get("/users/{user_id}")
def read_user(user_id: int) -> UserPublic:
    return find(user_id)


@app.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(user_id: int) -> None:
    del USERS[find(user_id).id]
