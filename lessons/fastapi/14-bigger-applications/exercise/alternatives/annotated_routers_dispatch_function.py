# Type-annotated router variables, the prefixes and the router's dependencies kept in names, the header read
# with an alias, and the request id added by BaseHTTPMiddleware given a plain dispatch function.
import hmac
import itertools
import os
import secrets
import uuid
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.middleware.base import BaseHTTPMiddleware

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

USERS_PREFIX = "/users"
ADMIN_PREFIX = "/admin"


def check_admin_token(
    settings: Annotated[Settings, Depends(get_settings)],
    token: Annotated[str | None, Header(alias="X-Admin-Token")] = None,
) -> None:
    if token is None or not hmac.compare_digest(token, settings.admin_token):
        raise HTTPException(401, "Admin token missing or wrong")


ADMIN_ONLY = [Depends(check_admin_token)]
UNAUTHORIZED = {401: {"description": "Admin token missing or wrong"}}

users: APIRouter = APIRouter(prefix=USERS_PREFIX, tags=["users"])
admin: APIRouter = APIRouter(prefix=ADMIN_PREFIX, tags=["admin"], dependencies=ADMIN_ONLY, responses=UNAUTHORIZED)


@users.post("", status_code=201)
def create_user(new: NewUser) -> User:
    user = User(id=next(ids), **new.model_dump())
    USERS[user.id] = user
    return user


@users.get("/{user_id}")
def read_user(user_id: int) -> User:
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return USERS[user_id]


@admin.get("/stats")
def stats():
    return {"users": len(USERS)}


@admin.delete("/users/{user_id}", status_code=204)
def delete_user(user_id: int):
    if USERS.pop(user_id, None) is None:
        raise HTTPException(status_code=404, detail="User not found")


for router in (users, admin):
    app.include_router(router)


async def tag_with_request_id(request: Request, call_next) -> Response:
    response = await call_next(request)
    response.headers["X-Request-ID"] = request.headers.get("X-Request-ID", "") or str(uuid.uuid4())
    return response


app.add_middleware(
    CORSMiddleware,
    allow_origins=[get_settings().frontend_origin],
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Content-Type", "X-Admin-Token"],
)
app.add_middleware(BaseHTTPMiddleware, dispatch=tag_with_request_id)
