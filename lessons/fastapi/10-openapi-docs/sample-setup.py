# The Bookshop API built by the lesson's first sample and extended in "Documenting error responses".
from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI(title="Bookshop API", version="1.2.0", description="Books, orders and stock.")


class Book(BaseModel):
    title: str = Field(examples=["Dune"])
    price: float = Field(gt=0, description="Price in euros", examples=[9.99])


@app.post("/books", status_code=201, tags=["books"], summary="Add a book")
def add_book(book: Book) -> Book:
    """Add a book to the catalogue. The title must be unique."""
    return book


from fastapi import HTTPException


class Message(BaseModel):
    detail: str


@app.get("/books/{book_id}", tags=["books"], responses={404: {"model": Message, "description": "No such book"}})
def get_book(book_id: int) -> Book:
    raise HTTPException(status_code=404, detail="No such book")
