# The admin check is an instance of a class (FastAPI calls it like a function), the admin routes are added
# with add_api_route, the routers are mounted with their options at include time through one settings object,
# and the request id is a pure ASGI class that replaces any id a later layer set.
import itertools
import os
import secrets
from functools import lru_cache
from itertools import count
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
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


class HeaderTokenGuard:
    """Refuses the request unless the header holds the settings' admin token."""

    def __call__(self, settings: Annotated[Settings, Depends(get_settings)], x_admin_token: Annotated[str, Header()] = ""):
        if not secrets.compare_digest(x_admin_token.encode(), settings.admin_token.encode()):
            raise HTTPException(status_code=401, detail="Admin token missing or wrong")


admin_guard = HeaderTokenGuard()

users = APIRouter(prefix="/users", tags=["users"])
admin = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(admin_guard)],
    responses={401: {"description": "Admin token missing or wrong"}},
)


@users.post("", status_code=201, response_model=User)
def create_user(new: NewUser):
    user = User(id=next(ids), **new.model_dump())
    USERS[user.id] = user
    return user


@users.get("/{user_id}", response_model=User)
def read_user(user_id: int):
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="User not found")
    return user


def stats():
    return {"users": len(USERS)}


def delete_user(user_id: int):
    if USERS.pop(user_id, None) is None:
        raise HTTPException(status_code=404, detail="User not found")


admin.add_api_route("/stats", stats, methods=["GET"])
admin.add_api_route("/users/{user_id}", delete_user, methods=["DELETE"], status_code=204)

app.include_router(users)
app.include_router(admin)


class RequestIdMiddleware:
    def __init__(self, app):
        self.app = app
        self.serial = count(1)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        sent = dict(scope["headers"]).get(b"x-request-id")
        request_id = sent or f"req-{next(self.serial)}-{secrets.token_hex(4)}".encode()

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", request_id)]}
            await send(message)

        await self.app(scope, receive, send_with_id)


settings = get_settings()
app.add_middleware(CORSMiddleware, allow_origins=[settings.frontend_origin], allow_methods=["*"], allow_headers=["x-admin-token", "content-type"])
app.add_middleware(RequestIdMiddleware)
