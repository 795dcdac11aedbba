# login_required written as a class: functools.update_wrapper copies the view's name and sets __wrapped__.
import functools
import hmac

from flask import Flask, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "exercise-only-secret"

USERS = {"ada": "analytical engine"}


def check_password(username, password):
    # Stands in for check_password_hash(stored_hash, password) in this exercise.
    expected = USERS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


class login_required:
    def __init__(self, view):
        functools.update_wrapper(self, view)
        self.view = view

    def __call__(self, *args, **kwargs):
        if session.get("user") is None:
            return {"error": "Sign in first"}, 401
        return self.view(*args, **kwargs)


@app.post("/login")
def login():
    if not check_password(request.form.get("username", ""), request.form.get("password", "")):
        return {"error": "Wrong username or password"}, 401
    session.clear()
    session["user"] = request.form["username"]
    return {"ok": True}


@app.post("/logout")
def logout():
    session.pop("user", None)
    return {"ok": True}


@app.get("/account")
@login_required
def account():
    return {"user": session["user"]}
