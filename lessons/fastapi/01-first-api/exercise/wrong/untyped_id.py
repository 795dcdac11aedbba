# No type hint on book_id: it arrives as a string and is converted by hand, so /books/abc crashes (500)
# instead of FastAPI answering 422.
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
def read_book(book_id):
    book_id = int(book_id)
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    return {"id": book_id, "title": BOOKS[book_id]}
