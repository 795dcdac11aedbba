# Joins the whole loc, so the field is "body.username" instead of "username".
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator, model_validator

app = FastAPI()


class SignUp(BaseModel):
    username: str
    password: str = Field(min_length=8)
    password_again: str

    @field_validator("username")
    @classmethod
    def clean_username(cls, value: str) -> str:
        value = value.strip().lower()
        if not value.isalnum():
            raise ValueError("username may contain only letters and digits")
        return value

    @model_validator(mode="after")
    def passwords_match(self):
        if self.password != self.password_again:
            raise ValueError("passwords do not match")
        return self


@app.exception_handler(RequestValidationError)
async def validation_handler(request: Request, exc: RequestValidationError):
    errors = [{"field": ".".join(str(part) for part in error["loc"]), "message": error["msg"]} for error in exc.errors()]
    return JSONResponse(status_code=422, content={"errors": errors})


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    return {"username": body.username}
