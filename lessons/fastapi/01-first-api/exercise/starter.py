from fastapi import FastAPI

app = FastAPI()

BOOKS = {1: "Dune", 2: "Emma", 3: "Dracula"}


@app.get("/books/{book_id}")
def read_book(book_id):
    return {"id": book_id, "title": BOOKS[book_id]}
