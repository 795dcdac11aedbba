# Returns the HTTPException instead of raising it, so an unknown id gets a 200 with the exception as JSON.
from fastapi import FastAPI, HTTPException

app = FastAPI()

BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


@app.get("/books")
def list_books(starts_with: str | None = None):
    titles = list(BOOKS.values())
    if starts_with is not None:
        titles = [title for title in titles if title.startswith(starts_with)]
    return {"books": titles}


@app.get("/books/{book_id}")
def read_book(book_id: int):
    if book_id not in BOOKS:
        return HTTPException(status_code=404, detail="Book not found")
    return {"id": book_id, "title": BOOKS[book_id]}
