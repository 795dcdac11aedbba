# The pitfall "returning a Response skips the model": no output model, fields picked by hand into a
# JSONResponse, so nothing filters the answer and the API's schema does not say what it returns.
import itertools

from fastapi import FastAPI, HTTPException, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()
USERS: dict[int, dict] = {}
NEXT_ID = itertools.count(1)


class UserIn(BaseModel):
    username: str
    password: str


def public(record: dict) -> dict:
    return {"id": record["id"], "username": record["username"]}


@app.post("/users")
def create_user(user: UserIn):
    record = {"id": next(NEXT_ID), "username": user.username, "password_hash": "scrypt$" + user.password[::-1]}
    USERS[record["id"]] = record
    return JSONResponse(public(record), status_code=201)


@app.get("/users/{user_id}")
def read_user(user_id: int):
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return JSONResponse(public(USERS[user_id]))


@app.delete("/users/{user_id}")
def delete_user(user_id: int):
    if USERS.pop(user_id, None) is None:
        raise HTTPException(status_code=404, detail="User not found")
    return Response(status_code=204)
