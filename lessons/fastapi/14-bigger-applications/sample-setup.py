# Writes the app/ package of the lesson's "Putting it together" section into the sample's folder:
# config.py, dependencies.py, middleware.py, routers/admin.py and main.py as the lesson shows them,
# models/users.py and routers/users.py as its file tree describes them.
from pathlib import Path as _Path

_FILES = {
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/routers/__init__.py": "",
    "app/config.py": '''
from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")

    app_name: str = "Shop API"
    debug: bool = False
    page_size: int = 20
    allowed_origins: list[str] = ["http://localhost:5173"]
    admin_token: SecretStr  # required: no default


@lru_cache
def get_settings() -> Settings:
    return Settings()
''',
    "app/dependencies.py": '''
import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException

from .config import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]


def require_admin(settings: SettingsDep, x_admin_token: Annotated[str, Header()] = ""):
    expected = settings.admin_token.get_secret_value()
    if not secrets.compare_digest(x_admin_token.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="Admin token missing or wrong")
''',
    "app/middleware.py": '''
import uuid

from starlette.datastructures import Headers, MutableHeaders


class RequestIdMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":  # lifespan and websocket calls pass straight through
            await self.app(scope, receive, send)
            return
        request_id = Headers(scope=scope).get("x-request-id") or uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        await self.app(scope, receive, send_with_id)
''',
    "app/models/users.py": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int
    name: str
''',
    "app/routers/users.py": '''
from fastapi import APIRouter, HTTPException

from ..models.users import User

router = APIRouter(prefix="/users", tags=["users"])
USERS = {1: User(id=1, name="Ada")}


@router.get("/{user_id}")
def read_user(user_id: int) -> User:
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return USERS[user_id]
''',
    "app/routers/admin.py": '''
from fastapi import APIRouter, Depends

from ..dependencies import SettingsDep, require_admin

router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses={401: {"description": "Admin token missing or wrong"}},
)


@router.get("/settings")
def show_settings(settings: SettingsDep):
    return {"app_name": settings.app_name, "debug": settings.debug, "page_size": settings.page_size}
''',
    "app/main.py": '''
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .config import get_settings
from .middleware import RequestIdMiddleware
from .routers import admin, users

settings = get_settings()  # at import: a missing setting stops the start-up here


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient(timeout=5)  # once per worker, before the first request
    yield
    await app.state.http.aclose()


app = FastAPI(title=settings.app_name, lifespan=lifespan)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.allowed_origins,
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["X-Admin-Token"],
)
app.add_middleware(RequestIdMiddleware)  # added last, so outermost: CORS answers get an id too
app.include_router(users.router)
app.include_router(admin.router)
''',
}
for _name, _text in _FILES.items():
    _Path(_name).parent.mkdir(parents=True, exist_ok=True)
    _Path(_name).write_text(_text.lstrip())
