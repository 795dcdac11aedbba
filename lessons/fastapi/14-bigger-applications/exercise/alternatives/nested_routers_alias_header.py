# A parent router assembles the users and admin routers, the admin check given where admin is included;
# async endpoints; the header read through an alias; the request id made with secrets.token_hex; CORS that
# also allows credentials for the one listed origin.
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

SettingsDep = Annotated[Settings, Depends(get_settings)]
TokenHeader = Annotated[str | None, Header(alias="X-Admin-Token")]


async def require_admin(settings: SettingsDep, token: TokenHeader = None) -> None:
    expected = settings.admin_token.encode()
    if token is None or not secrets.compare_digest(token.encode(), expected):
        raise HTTPException(status_code=401, detail="Admin token missing or wrong")


users = APIRouter(prefix="/users", tags=["users"])
admin = APIRouter(prefix="/admin", tags=["admin"], responses={401: {"description": "Admin token missing or wrong"}})
api = APIRouter()  # what a routers/__init__.py would assemble in a package


@users.post("", status_code=201, response_model=User)
async def create_user(new: NewUser):
    user = User(id=next(ids), **new.model_dump())
    USERS[user.id] = user
    return user


@users.get("/{user_id}", response_model=User)
async def read_user(user_id: int):
    try:
        return USERS[user_id]
    except KeyError:
        raise HTTPException(status_code=404, detail="User not found") from None


@admin.get("/stats")
async def stats():
    return {"users": len(USERS)}


@admin.delete("/users/{user_id}", status_code=204)
async def delete_user(user_id: int):
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    del USERS[user_id]


api.include_router(users)
api.include_router(admin, dependencies=[Depends(require_admin)])
app.include_router(api)


async def request_id(request: Request, call_next):
    incoming = request.headers.get("x-request-id")
    response = await call_next(request)
    response.headers["X-Request-ID"] = incoming or secrets.token_hex(8)
    return response


settings = get_settings()
app.add_middleware(
    CORSMiddleware,
    allow_origins=[settings.frontend_origin],
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Content-Type", "X-Admin-Token"],
    allow_credentials=True,
)
app.middleware("http")(request_id)  # registered after CORS, so it runs outside it
