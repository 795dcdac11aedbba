from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator, model_validator

app = FastAPI()


class SignUp(BaseModel):
    username: str
    password: str = Field(min_length=8)
    password_again: str


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    return {"username": body.username}
