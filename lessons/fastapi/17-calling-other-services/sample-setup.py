# Writes shop.py, the app of the lesson's "The other service's failures, as your status codes" section,
# exactly as the lesson shows it, for the testing sample to import.
from pathlib import Path as _Path

_Path("shop.py").write_text('''from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel

CATALOG_URL = "https://catalog.internal"


class Book(BaseModel):
    isbn: str
    title: str
    price: float


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient(base_url=CATALOG_URL, timeout=httpx.Timeout(3.0, connect=1.0)) as client:
        app.state.catalog = client
        yield


app = FastAPI(lifespan=lifespan)


def get_catalog(request: Request) -> httpx.AsyncClient:
    return request.app.state.catalog


Catalog = Annotated[httpx.AsyncClient, Depends(get_catalog)]


@app.get("/books/{isbn}")
async def read_book(isbn: str, catalog: Catalog) -> Book:
    try:
        response = await catalog.get(f"/items/{isbn}")
    except httpx.TimeoutException:  # first: a timeout is also a RequestError
        raise HTTPException(status_code=504, detail="The catalog did not answer in time")
    except httpx.RequestError:  # no connection, DNS failure, connection reset...
        raise HTTPException(status_code=502, detail="The catalog could not be reached")
    if response.status_code == 404:
        raise HTTPException(status_code=404, detail="No book with this ISBN")
    if response.status_code != 200:
        raise HTTPException(status_code=502, detail="The catalog answered with an error")
    try:
        item = response.json()
        return Book(isbn=item["isbn"], title=item["title"], price=item["price_cents"] / 100)
    except (ValueError, KeyError, TypeError):  # not JSON, or not the JSON we expect
        raise HTTPException(status_code=502, detail="The catalog sent an answer we cannot read")
''')
