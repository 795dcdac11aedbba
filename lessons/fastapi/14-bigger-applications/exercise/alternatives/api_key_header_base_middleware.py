# The token read with APIKeyHeader through Security (it shows in /docs as an API key), a trailing-slash
# POST route, a BaseHTTPMiddleware subclass with str(uuid4()) ids, and CORS allowed by an escaped regex.
import itertools
import os
import re
import secrets
import uuid
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Security, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import APIKeyHeader
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

admin_key = APIKeyHeader(name="X-Admin-Token", auto_error=False, description="The shop's admin token")


def require_admin(
    key: Annotated[str | None, Security(admin_key)],
    settings: Annotated[Settings, Depends(get_settings)],
):
    if not key or not secrets.compare_digest(key.encode(), settings.admin_token.encode()):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Admin token missing or wrong",
            headers={"WWW-Authenticate": "APIKey"},
        )


users = APIRouter(prefix="/users", tags=["users"])
admin = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Security(require_admin)],
    responses={status.HTTP_401_UNAUTHORIZED: {"description": "Admin token missing or wrong"}},
)


# Declared as "/": served at /users/, and FastAPI redirects POST /users there with a 307.
@users.post("/", status_code=status.HTTP_201_CREATED)
def create_user(new: NewUser) -> User:
    user = User(id=next(ids), **new.model_dump())
    USERS[user.id] = user
    return user


@users.get("/{user_id}")
def read_user(user_id: int) -> User:
    if user_id not in USERS:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="User not found")
    return USERS[user_id]


@admin.get("/stats")
def stats():
    return {"users": len(USERS)}


@admin.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(user_id: int):
    if USERS.pop(user_id, None) is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="User not found")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        request_id = request.headers.get("x-request-id") or str(uuid.uuid4())
        response = await call_next(request)
        response.headers["X-Request-ID"] = request_id
        return response


# Each add_middleware wraps what was added before: the request-id middleware ends up outside CORS.
app.add_middleware(
    CORSMiddleware,
    allow_origin_regex=re.escape(get_settings().frontend_origin),
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["content-type", "x-admin-token"],
)
app.add_middleware(RequestIdMiddleware)

app.include_router(users)
app.include_router(admin)
