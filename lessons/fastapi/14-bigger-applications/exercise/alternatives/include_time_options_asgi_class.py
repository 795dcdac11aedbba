# Prefixes, tags, the admin dependency and its 401 given at include time; the older `= Depends()` default
# style; hmac.compare_digest; a pure ASGI class for the request id; CORS with "*" methods and headers.
import hmac
import itertools
import os
import secrets
import uuid
from functools import lru_cache

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.datastructures import Headers, MutableHeaders

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


def require_admin(
    x_admin_token: str | None = Header(default=None),
    settings: Settings = Depends(get_settings),
):
    if x_admin_token is None or not hmac.compare_digest(x_admin_token.encode(), settings.admin_token.encode()):
        raise HTTPException(status_code=401, detail="Admin token missing or wrong")


# The routers carry no prefix of their own: the include_router calls below decide where they live.
users = APIRouter()
admin = APIRouter()


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


app.include_router(users, prefix="/users", tags=["users"])
app.include_router(
    admin,
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses={401: {"description": "Admin token missing or wrong"}},
)


class RequestIdMiddleware:
    """Pure ASGI middleware: adds X-Request-ID to the start of every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = Headers(scope=scope).get("x-request-id") or uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)


app.add_middleware(
    CORSMiddleware,
    allow_origins=[get_settings().frontend_origin],
    allow_methods=["*"],
    allow_headers=["*"],
)
app.add_middleware(RequestIdMiddleware)  # added last: the outermost layer
