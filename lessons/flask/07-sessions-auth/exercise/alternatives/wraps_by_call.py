# functools.wraps applied with a call instead of the @ syntax, URL arguments taken as **url_values
# only (Flask passes them as keywords), and the view called through current_app.ensure_sync(view).
import functools
import hmac

from flask import Flask, current_app, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "exercise-only-secret"

USERS = {"ada": "analytical engine"}


def check_password(username, password):
    # Stands in for check_password_hash(stored_hash, password) in this exercise.
    expected = USERS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


def login_required(view):
    def guard(**url_values):
        if not session.get("user"):
            return {"error": "Sign in first"}, 401
        return current_app.ensure_sync(view)(**url_values)

    return functools.wraps(view)(guard)


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
    return {"user": session["user"]}
