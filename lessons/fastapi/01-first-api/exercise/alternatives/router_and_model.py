# An APIRouter, a Pydantic model for one book, an empty-string default and titles sorted by name.
from fastapi import APIRouter, FastAPI, HTTPException, status
from pydantic import BaseModel

BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


class Book(BaseModel):
    id: int
    title: str


router = APIRouter(prefix="/books")


@router.get("")
def list_books(starts_with: str = ""):
    return {"books": sorted(title for title in BOOKS.values() if title[: len(starts_with)] == starts_with)}


@router.get("/{book_id}", response_model=Book)
def read_book(book_id: int) -> Book:
    try:
        return Book(id=book_id, title=BOOKS[book_id])
    except KeyError:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Book not found") from None


app = FastAPI()
app.include_router(router)
