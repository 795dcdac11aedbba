from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ValidationError

# ---- Given: leave this block as it is. -------------------------------------------------------------
# The catalog is another team's service. In production CATALOG_URL points at it; in this exercise the
# checks stand in for it. The code below replaces the network under every httpx client (as the respx
# library does in tests): a request to CATALOG_URL gets the answer the checks set, any other address
# fails with httpx.ConnectError, and the clients your app makes are counted for the checks.
CATALOG_URL = "https://catalog.internal"


class _StandIn:
    def __init__(self):
        self.answers, self.clients, self.seen, self.blocking = {}, [], [], 0

    def answer(self, request):
        if request.url.host != "catalog.internal":
            raise httpx.ConnectError("There is no network in this exercise", request=request)
        self.seen.append({"url": str(request.url), "timeout": request.extensions.get("timeout")})
        answer = self.answers.get(request.url.path, {"status": 404, "json": {"error": "no such item"}})
        if "raise" in answer:
            raise getattr(httpx, answer["raise"])(answer["raise"], request=request)
        if "json" in answer:
            return httpx.Response(answer["status"], json=answer["json"])
        return httpx.Response(answer["status"], text=answer["text"])


_stand_in = _StandIn()
_make_client = httpx.AsyncClient.__init__


def _counted_init(client, *args, **kwargs):
    _make_client(client, *args, **kwargs)
    _stand_in.clients.append(client)


async def _answer_async(transport, request):
    return _stand_in.answer(request)


def _answer_blocking(transport, request):
    _stand_in.blocking += 1
    return _stand_in.answer(request)


httpx.AsyncClient.__init__ = _counted_init
httpx.AsyncHTTPTransport.handle_async_request = _answer_async
httpx.HTTPTransport.handle_request = _answer_blocking
# ---- End of the given block. ------------------------------------------------------------------------


class Book(BaseModel):  # what your API answers
    isbn: str
    title: str
    price: float  # euros: the catalog's price_cents / 100
    in_stock: bool  # the catalog's stock > 0


class CatalogItem(BaseModel):
    isbn: str
    title: str
    price_cents: int
    stock: int

    def to_book(self) -> Book:
        return Book(isbn=self.isbn, title=self.title, price=self.price_cents / 100, in_stock=self.stock > 0)


@asynccontextmanager
async def lifespan(app: FastAPI):
    transport = httpx.AsyncHTTPTransport(retries=1)  # one more try when connecting fails
    async with httpx.AsyncClient(base_url=CATALOG_URL, timeout=2.0, transport=transport) as client:
        app.state.catalog = client
        yield


async def get_catalog(request: Request) -> httpx.AsyncClient:
    return request.app.state.catalog


books = APIRouter(prefix="/books", tags=["books"])


@books.get("/{isbn}", response_model=Book)
async def read_book(isbn: str, catalog: Annotated[httpx.AsyncClient, Depends(get_catalog)]):
    try:
        response = await catalog.get(f"/items/{isbn}")
    except httpx.ReadTimeout:
        raise HTTPException(504, "Catalog timeout")
    except httpx.ConnectTimeout:
        raise HTTPException(504, "Catalog timeout")
    except httpx.TransportError:
        raise HTTPException(502, "Catalog unreachable")
    if response.status_code == 404:
        raise HTTPException(404, "Unknown ISBN")
    if not response.is_success:
        raise HTTPException(502, "Catalog error")
    try:
        return CatalogItem.model_validate(response.json()).to_book()
    except (ValueError, ValidationError):
        raise HTTPException(502, "Catalog answer unreadable")


app = FastAPI(lifespan=lifespan)
app.include_router(books)


# ---- Given: leave these test routes as they are, at the end of the file. They do over HTTP what a test
# does in-process: set the catalog's answers, read what it saw, override get_catalog, run the lifespan. --
@app.put("/test/catalog", include_in_schema=False)
def set_catalog_answers(answers: dict[str, dict]):
    _stand_in.answers.update(answers)
    return {"paths": len(_stand_in.answers)}


@app.get("/test/catalog", include_in_schema=False)
def catalog_report():
    closed = [client.is_closed for client in _stand_in.clients]
    return {"clients": len(closed), "closed": closed, "seen": _stand_in.seen, "blocking": _stand_in.blocking}


@app.put("/test/override", include_in_schema=False)
def override_get_catalog(answer: dict):
    mock = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
    client = httpx.AsyncClient(base_url=CATALOG_URL, transport=mock)
    _stand_in.clients.remove(client)  # the test's own client, not one your app made
    app.dependency_overrides[get_catalog] = lambda: client
    return {"overridden": "get_catalog"}


@app.delete("/test/override", include_in_schema=False)
def remove_overrides():
    app.dependency_overrides.clear()
    return {"overridden": None}


@app.post("/test/lifespan", include_in_schema=False)
async def run_the_lifespan_once_more():
    before, saved = len(_stand_in.clients), dict(app.state._state)
    try:
        async with app.router.lifespan_context(app):
            made = _stand_in.clients[before:]
            open_inside = [not client.is_closed for client in made]
        return {"made": len(made), "open_inside": open_inside, "closed_after": [client.is_closed for client in made]}
    except Exception as error:  # reported as it is: your lifespan stopped with an error
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        app.state._state.clear()
        app.state._state.update(saved)
