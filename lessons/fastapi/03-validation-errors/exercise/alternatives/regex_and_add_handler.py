# A regular expression for the username, a sync handler registered with add_exception_handler.
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator, model_validator

USERNAME = re.compile(r"[a-z0-9]+")


class SignUp(BaseModel):
    username: str
    password: str = Field(min_length=8)
    password_again: str

    @field_validator("username")
    @classmethod
    def clean_username(cls, value: str) -> str:
        cleaned = value.lower().strip()
        if USERNAME.fullmatch(cleaned) is None:
            raise ValueError("username may contain only letters and digits")
        return cleaned

    @model_validator(mode="after")
    def check_passwords(self) -> "SignUp":
        if self.password_again != self.password:
            raise ValueError("passwords do not match")
        return self


def field_name(loc) -> str:
    rest = [str(part) for part in loc[1:]]
    return ".".join(rest) if rest else "body"


def friendly_errors(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = []
    for error in exc.errors():
        errors.append({"field": field_name(error["loc"]), "message": error["msg"]})
    return JSONResponse({"errors": errors}, status_code=422)


app = FastAPI()
app.add_exception_handler(RequestValidationError, friendly_errors)


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    return {"username": body.username}
