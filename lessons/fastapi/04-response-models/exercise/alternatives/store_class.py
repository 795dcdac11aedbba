# A small store class with its own id counter; response_model= in the decorators; an explicit 204 Response.
from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel


class UserIn(BaseModel):
    username: str
    password: str


class UserPublic(BaseModel):
    id: int
    username: str


class UserStore:
    def __init__(self):
        self.users: dict[int, dict] = {}
        self.last_id = 0

    def add(self, username: str, password_hash: str) -> dict:
        self.last_id += 1
        record = {"id": self.last_id, "username": username, "password_hash": password_hash}
        self.users[self.last_id] = record
        return record

    def get(self, user_id: int) -> dict:
        try:
            return self.users[user_id]
        except KeyError:
            raise HTTPException(status_code=404, detail="User not found") from None

    def remove(self, user_id: int) -> None:
        self.get(user_id)
        del self.users[user_id]


store = UserStore()
app = FastAPI()


@app.post("/users", response_model=UserPublic, status_code=201)
async def create_user(user: UserIn):
    return store.add(user.username, "scrypt$" + user.password[::-1])


@app.get("/users/{user_id}", response_model=UserPublic)
async def read_user(user_id: int):
    return store.get(user_id)


@app.delete("/users/{user_id}", status_code=204, response_class=Response)
async def delete_user(user_id: int):
    store.remove(user_id)
    return Response(status_code=204)
