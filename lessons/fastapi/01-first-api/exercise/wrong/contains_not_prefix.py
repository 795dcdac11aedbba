# Keeps titles that contain the text anywhere, not only at the start (starts_with=ra matches Dracula).
from fastapi import FastAPI, HTTPException

app = FastAPI()

BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


@app.get("/books")
def list_books(starts_with: str | None = None):
    titles = list(BOOKS.values())
    if starts_with is not None:
        titles = [title for title in titles if starts_with in title]
    return {"books": titles}


@app.get("/books/{book_id}")
def read_book(book_id: int):
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    return {"id": book_id, "title": BOOKS[book_id]}
