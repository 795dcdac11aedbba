# The wrapper defines a small refuse() helper first, but calls the view before it checks the session, so the view's work is done for visitors who are then refused.
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


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        def refuse():
            return {"error": "Sign in first"}, 401

        response = view(*args, **kwargs)
        if "user" not in session:
            return refuse()
        return response

    return wrapped


@app.post("/login")
def login():
    if not check_password(request.form.get("username", ""), request.form.get("password", "")):
        return {"error": "Wrong username or password"}, 401
    session.clear()
    session["user"] = request.form["username"]
    return {"ok": True}


@app.post("/logout")
def logout():
    session.clear()
    return {"ok": True}


@app.get("/account")
@login_required
def account():
    return {"user": session.get("user")}
