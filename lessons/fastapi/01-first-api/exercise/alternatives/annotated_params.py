# Annotated Path and Query parameters, async endpoints, and filter() over the titles.
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query

app = FastAPI()

BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


@app.get("/books/{book_id}")
async def read_book(book_id: Annotated[int, Path(description="The book's id")]):
    title = BOOKS.get(book_id)
    if title is None:
        raise HTTPException(404, "Book not found")
    return {"id": book_id, "title": title}


@app.get("/books")
async def list_books(starts_with: Annotated[str | None, Query(max_length=50)] = None):
    if starts_with is None:
        return {"books": list(BOOKS.values())}
    return {"books": list(filter(lambda title: title.startswith(starts_with), BOOKS.values()))}
