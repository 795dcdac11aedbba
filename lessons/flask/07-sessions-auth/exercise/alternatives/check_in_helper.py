# The session check lives in a helper, current_user(), which aborts with a JSON 401; the wrapper only calls it before the view.
import functools
import hmac

from flask import Flask, abort, g, jsonify, make_response, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "exercise-only-secret"

USERS = {"ada": "analytical engine"}


def check_password(username, password):
    # Stands in for check_password_hash(stored_hash, password) in this exercise.
    expected = USERS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


def current_user():
    user = session.get("user")
    if user is None:
        abort(make_response(jsonify(error="Sign in first"), 401))
    return user


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        g.user = current_user()
        return view(*args, **kwargs)

    return wrapper


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
    return {"user": g.user}
