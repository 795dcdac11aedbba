# The decorator aborts with a JSON 401 handled by an error handler and puts the user on g for the view.
import functools
import hmac

from flask import Flask, abort, g, jsonify, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "exercise-only-secret"

USERS = {"ada": "analytical engine"}


def check_password(username, password):
    # Stands in for check_password_hash(stored_hash, password) in this exercise.
    expected = USERS.get(username)
    return expected is not None and hmac.compare_digest(expected, password)


@app.errorhandler(401)
def unauthorized(error):
    return jsonify(error=error.description), 401


def login_required(view):
    @functools.wraps(view)
    def protected_view(**kwargs):
        user = session.get("user")
        if not user:
            abort(401, description="Sign in first")
        g.user = user
        return view(**kwargs)

    return protected_view


@app.post("/login")
def login():
    if not check_password(request.form.get("username", ""), request.form.get("password", "")):
        return {"error": "Wrong username or password"}, 401
    session.clear()
    session["user"] = request.form["username"]
    return {"ok": True}


@app.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return jsonify(ok=True)


@app.route("/account")
@login_required
def account():
    return jsonify(user=g.user)
