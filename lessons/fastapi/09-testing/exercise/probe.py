"""Probes for the testing exercise: run the learner's tests against their app and against broken copies.

The broken copies live here, in the learner's sandbox, but the learner never sees this file. For each
run, main.app, main.get_current_user and any module-level TestClient in main are pointed at the copy,
the learner's test functions are called, and everything is put back.
"""

import traceback
import warnings
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

import main

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TESTS = ("test_me_with_override", "test_me_without_token", "test_item_rejects_negative_price")


def broken_app(me_ignores_user=False, me_status=200, me_open=False, refuse_status=401, price_rule=True, price_status=None):
    """A copy of the exercise's app with one bug (named by the keyword that differs from the default)."""
    app = FastAPI()

    def get_current_user(authorization: Annotated[str | None, Header()] = None) -> dict:
        if me_open:
            return {"username": "ada"}
        if authorization != "Bearer real-token":
            raise HTTPException(status_code=refuse_status, detail="Not signed in")
        return {"username": "ada"}

    class Item(BaseModel):
        name: str
        price: float = Field(gt=0) if price_rule else Field()

    @app.get("/me", status_code=me_status)
    def me(user: Annotated[dict, Depends(get_current_user)]):
        return {"username": "ada"} if me_ignores_user else user

    @app.post("/items", status_code=201)
    def create_item(item: Item):
        if price_status is not None and item.price <= 0:
            raise HTTPException(status_code=price_status, detail="price must be positive")
        return item

    return app, get_current_user


VARIANTS = {
    "me_ignores_user": dict(me_ignores_user=True),
    "me_answers_202": dict(me_status=202),
    "me_open_to_all": dict(me_open=True),
    "me_refuses_with_403": dict(refuse_status=403),
    "price_unchecked": dict(price_rule=False),
    "price_refused_with_400": dict(price_rule=False, price_status=400),
}


def where(error):
    """The line of main.py where the test stopped, as the learner wrote it."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith("main.py")]
    return f"line {frames[-1].lineno}: {frames[-1].line}" if frames else ""


def run_test(name):
    try:
        getattr(main, name)()
        return {"outcome": "pass"}
    except Exception as error:  # noqa: BLE001 - a failed assert, or a test that crashes: both are failures
        message = "".join(traceback.format_exception_only(type(error), error)).strip()
        outcome = "fail" if isinstance(error, AssertionError) else "error"
        return {"outcome": outcome, "reason": f"{message} (at {where(error)})"[:400]}


def run_all_against(app, dependency):
    saved = {"app": main.app, "get_current_user": main.get_current_user}
    clients = {key: value for key, value in vars(main).items() if isinstance(value, TestClient)}
    main.app, main.get_current_user = app, dependency
    for key in clients:
        setattr(main, key, TestClient(app))
    try:
        return {name: run_test(name) for name in TESTS}
    finally:
        main.app, main.get_current_user = saved["app"], saved["get_current_user"]
        for key, value in clients.items():
            setattr(main, key, value)
        app.dependency_overrides.clear()


def probe_tests_defined():
    return {name: callable(getattr(main, name, None)) for name in TESTS}


def probe_run_tests(variant):
    """Runs the three tests, in order, against the real app ("working") or one broken copy."""
    missing = [name for name, ok in probe_tests_defined().items() if not ok]
    if missing:
        return {"missing": missing}
    if variant == "working":
        results = {name: run_test(name) for name in TESTS}
        left = {getattr(key, "__name__", repr(key)) for key in main.app.dependency_overrides}
        main.app.dependency_overrides.clear()
        return {"results": results, "overrides_left": sorted(left)}
    app, dependency = broken_app(**VARIANTS[variant])
    return {"results": run_all_against(app, dependency)}
