# Lower-cases both sides, so the filter is not case-sensitive (starts_with=d matches Dune and Dracula).
from fastapi import FastAPI, HTTPException

app = FastAPI()

BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


@app.get("/books")
def list_books(starts_with: str | None = None):
    titles = list(BOOKS.values())
    if starts_with is not None:
        titles = [title for title in titles if title.lower().startswith(starts_with.lower())]
    return {"books": titles}


@app.get("/books/{book_id}")
def read_book(book_id: int):
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    return {"id": book_id, "title": BOOKS[book_id]}
