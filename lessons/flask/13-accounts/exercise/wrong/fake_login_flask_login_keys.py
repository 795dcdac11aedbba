# Wrong (games the checks): no Flask-Login, but the same session key (_user_id) and a remember_token cookie
# shaped like Flask-Login's (id|signature, a year's expiry). The signature is never checked on the way back,
# so anyone who writes remember_token=<an id>|<anything> is logged in as that user.
import hashlib
import hmac
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, redirect, render_template_string, request, session, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev-only-change-me"
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))


with app.app_context():
    db.create_all()


def who():
    user_id = session.get("_user_id")
    if user_id is None:
        user_id, _, _signature = request.cookies.get("remember_token", "").partition("|")
        if user_id.isdigit():
            session["_user_id"] = int(user_id)
    return db.session.get(User, int(user_id)) if str(user_id or "").isdigit() else None


def safe_next(target):
    if not target or not target.startswith("/"):
        return None
    cleaned = "".join(ch for ch in target if ch not in "\t\r\n").replace("\\", "/")
    if cleaned.startswith("//") or urlsplit(cleaned).netloc:
        return None
    return target


FORM_PAGE = """
<!doctype html>
<title>{{ title }}</title>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<form method="post">
  <label>Email <input name="email" type="email"></label>
  <label>Password <input name="password" type="password"></label>
  {% if title == "Log in" %}<label><input name="remember" type="checkbox"> Remember me</label>{% endif %}
  <button>{{ title }}</button>
</form>
"""

ACCOUNT_PAGE = """
<!doctype html>
<title>Your account</title>
<p>Signed in as {{ current_user.email }}</p>
<form method="post" action="{{ url_for('logout') }}"><button>Log out</button></form>
"""


@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template_string(FORM_PAGE, title="Register")
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if not email or not password:
        return render_template_string(FORM_PAGE, title="Register", error="Enter an email and a password."), 400
    db.session.add(User(email=email, password_hash=generate_password_hash(password)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return render_template_string(FORM_PAGE, title="Register", error="That email is already registered."), 409
    return redirect(url_for("login"), code=303)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template_string(FORM_PAGE, title="Log in")
    user = db.session.scalar(db.select(User).where(User.email == request.form.get("email", "").strip().lower()))
    if user is None or not check_password_hash(user.password_hash, request.form.get("password", "")):
        return render_template_string(FORM_PAGE, title="Log in", error="Wrong email or password."), 401
    session["_user_id"] = user.id
    response = redirect(safe_next(request.args.get("next")) or url_for("account"), code=303)
    if request.form.get("remember"):
        signature = hmac.new(app.secret_key.encode(), str(user.id).encode(), hashlib.sha512).hexdigest()
        response.set_cookie("remember_token", f"{user.id}|{signature}", max_age=timedelta(days=365), httponly=True)
    return response


@app.post("/logout")
def logout():
    session.pop("_user_id", None)
    response = redirect(url_for("login"), code=303)
    response.delete_cookie("remember_token")
    return response


@app.get("/account")
def account():
    user = who()
    if user is None:
        return redirect(url_for("login", next=request.path))
    return render_template_string(ACCOUNT_PAGE, current_user=user)


@app.get("/api/me")
def api_me():
    user = who()
    if user is None:
        return {"error": "Log in first"}, 401
    return {"email": user.email}


@app.get("/given/stored-password")
def given_stored_password():
    user = db.session.scalar(db.select(User).where(User.email == request.args.get("email", "")))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}
