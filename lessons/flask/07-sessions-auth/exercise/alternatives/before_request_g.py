# As in Flask's tutorial: a before_request hook loads the user onto g, and the decorator checks g.user.
import functools
import hmac

from flask import Flask, g, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "exercise-only-secret"

USERS = {"ada": "analytical engine"}


def check_password(username, password):
    # Stands in for check_password_hash(stored_hash, password) in this exercise.
    expected = USERS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


@app.before_request
def load_user():
    g.user = session.get("user")


def login_required(view):
    @functools.wraps(view)
    def wrapped_view(**kwargs):
        if g.user is None:
            return {"error": "Sign in first"}, 401
        return view(**kwargs)

    return wrapped_view


@app.post("/login")
def login():
    username = request.form.get("username", "")
    if not check_password(username, request.form.get("password", "")):
        return {"error": "Wrong username or password"}, 401
    session.clear()
    session["user"] = username
    return {"ok": True}


@app.post("/logout")
def logout():
    session.clear()
    return {"ok": True}


@app.get("/account")
@login_required
def account():
    return {"user": g.user}
