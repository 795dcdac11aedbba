from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from pydantic import BaseModel

import main

TESTS = ("test_me_with_override", "test_me_without_token", "test_item_rejects_negative_price")


def run_against(app, name):
    """Runs one of the learner's tests with main.app and main.get_current_user swapped for a broken copy."""
    original_app, original_dep = main.app, main.get_current_user
    main.app, main.get_current_user = app, app.state.get_current_user
    # A module-level `client = TestClient(app)` is pointed at the broken copy too.
    clients = {key: value for key, value in vars(main).items() if isinstance(value, TestClient)}
    for key, value in clients.items():
        setattr(main, key, TestClient(app))
    try:
        getattr(main, name)()
        return True
    except AssertionError:
        return False
    finally:
        main.app, main.get_current_user = original_app, original_dep
        for key, value in clients.items():
            setattr(main, key, value)
        app.dependency_overrides.clear()


def broken(me_ignores_user=False, me_open=False, price_unchecked=False):
    app = FastAPI()

    def get_current_user() -> dict:
        if me_open:
            return {"username": "anyone"}
        raise HTTPException(status_code=401, detail="Not signed in")

    class Item(BaseModel):
        name: str
        price: float

    @app.get("/me")
    def me(user: Annotated[dict, Depends(get_current_user)]):
        return {"username": "ada"} if me_ignores_user else user

    @app.post("/items", status_code=201)
    def create_item(item: Item):
        if not price_unchecked and item.price <= 0:
            raise HTTPException(status_code=422, detail="price must be positive")
        return item

    app.state.get_current_user = get_current_user
    return app


def check_tests_defined():
    """All three test functions are defined"""
    for name in TESTS:
        assert callable(getattr(main, name, None)), f"Define a function named {name}()"


def check_tests_pass():
    """Your tests pass against the real app"""
    for name in TESTS:
        try:
            getattr(main, name)()
        except AssertionError as error:
            raise AssertionError(f"{name} fails against the working app: {error}") from None
    assert not main.app.dependency_overrides, "Overrides were left in place: clear app.dependency_overrides after the test"


def check_override_test_catches_bug():
    """test_me_with_override catches /me ignoring the injected user"""
    assert not run_against(broken(me_ignores_user=True), "test_me_with_override"), "test_me_with_override passed against an app that ignores the user: assert on the body"


def check_no_token_test_catches_bug():
    """test_me_without_token catches /me being open to everyone"""
    assert not run_against(broken(me_open=True), "test_me_without_token"), "test_me_without_token passed against an app with no sign-in check"


def check_price_test_catches_bug():
    """test_item_rejects_negative_price catches a missing price rule"""
    assert not run_against(broken(price_unchecked=True), "test_item_rejects_negative_price"), "test_item_rejects_negative_price passed against an app that accepts negative prices"
