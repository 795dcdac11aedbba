# A mode="before" field validator that also rejects non-strings, an output model, status constants.
from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator, model_validator

app = FastAPI()


class SignUp(BaseModel):
    username: str
    password: str = Field(min_length=8)
    password_again: str

    @field_validator("username", mode="before")
    @classmethod
    def clean_username(cls, value):
        if not isinstance(value, str):
            return value  # let the str type report it
        value = value.strip().lower()
        if not (value and all(c.isascii() and c.isalnum() for c in value)):
            raise ValueError("username may contain only letters and digits")
        return value

    @model_validator(mode="after")
    def passwords_match(self):
        if self.password != self.password_again:
            raise ValueError("passwords do not match")
        return self


class SignedUp(BaseModel):
    username: str


@app.exception_handler(RequestValidationError)
async def validation_handler(request: Request, exc: RequestValidationError):
    errors = [
        {"field": ".".join(map(str, loc[1:])) or "body", "message": msg}
        for loc, msg in ((error["loc"], error["msg"]) for error in exc.errors())
    ]
    return JSONResponse(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content=jsonable_encoder({"errors": errors}))


@app.post("/signup", status_code=status.HTTP_201_CREATED, response_model=SignedUp)
def signup(body: SignUp):
    return body
