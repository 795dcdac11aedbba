# functools imported under another name, the wrapper's arguments named differently, and /account
# registered with add_url_rule around the decorated view instead of decorator syntax.
import functools as ft
import hmac

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "exercise-only-secret"

USERS = {"ada": "analytical engine"}


def check_password(username, password):
    # Stands in for check_password_hash(stored_hash, password) in this exercise.
    expected = USERS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


def login_required(view):
    @ft.wraps(view)
    def guarded(*positional, **named):
        if session.get("user") is None:
            return jsonify(error="Sign in first"), 401
        return view(*positional, **named)

    return guarded


@app.post("/login")
def login():
    username = request.form.get("username", "")
    if not check_password(username, request.form.get("password", "")):
        return jsonify(error="Wrong username or password"), 401
    session.clear()
    session["user"] = username
    return jsonify(ok=True)


@app.post("/logout")
def logout():
    session.clear()
    return jsonify(ok=True)


def account():
    return jsonify(user=session["user"])


app.add_url_rule("/account", view_func=login_required(account), methods=["GET"])
