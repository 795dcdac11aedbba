import itertools
import os
import secrets
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

# Given: leave it as it is. On a real server SHOP_ADMIN_TOKEN comes from the environment; here a random
# one is made at start-up, so no token written in the code can match it.
os.environ.setdefault("SHOP_ADMIN_TOKEN", secrets.token_urlsafe(16))


# Given: leave it as it is.
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHOP_")

    admin_token: str
    frontend_origin: str = "https://shop.example.com"


# Given: leave it as it is.
@lru_cache
def get_settings() -> Settings:
    return Settings()


app = FastAPI()


# Given: leave it as it is. It does what a test does with app.dependency_overrides: the checks send the
# settings they want (a fresh admin token) and get_settings answers with them from then on.
@app.put("/test/settings", include_in_schema=False)
def override_settings(values: dict[str, str]):
    app.dependency_overrides[get_settings] = lambda: Settings(**values)
    return {"overridden": sorted(values)}


class NewUser(BaseModel):
    name: str
    email: str


class User(NewUser):
    id: int


USERS: dict[int, User] = {}
ids = itertools.count(1)


# TODO: move these two endpoints onto a users router (prefix /users, tag "users").
@app.post("/users", status_code=201)
def create_user(new: NewUser) -> User:
    user = User(id=next(ids), **new.model_dump())
    USERS[user.id] = user
    return user


@app.get("/users/{user_id}")
def read_user(user_id: int) -> User:
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return USERS[user_id]


# TODO: move these two onto an admin router (prefix /admin, tag "admin") that requires the
# X-Admin-Token header, equal to get_settings().admin_token, for every route it holds (401 otherwise).
@app.get("/admin/stats")
def stats():
    return {"users": len(USERS)}


@app.delete("/admin/users/{user_id}", status_code=204)
def delete_user(user_id: int):
    if USERS.pop(user_id, None) is None:
        raise HTTPException(status_code=404, detail="User not found")


# TODO: give every response an X-Request-ID header (a middleware).
# TODO: let the front end at get_settings().frontend_origin, and no other origin, call the API (CORS).
