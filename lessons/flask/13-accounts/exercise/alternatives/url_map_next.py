# Correct, written differently: the next page is followed only when it names one of this app's own GET
# routes (matched against app.url_map after doing what a browser does with the value), a class method
# that finds a user by email, the lookup done before the insert with IntegrityError still caught, and
# 302 redirects throughout.
from urllib.parse import urlsplit

from flask import Flask, redirect, render_template_string, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_url, login_user, logout_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
# Given: the key that signs the session and the remember-me cookie. In a real app it comes from the
# environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
# Given: a database in memory, new every time the app starts.
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)
login_manager = LoginManager(app)
login_manager.login_view = "login"


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))

    @classmethod
    def with_email(cls, email):
        return db.session.scalar(db.select(cls).filter_by(email=email))


with app.app_context():
    db.create_all()


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return {"error": "Log in first"}, 401
    return redirect(login_url("login", next_url=request.url))


def own_page(target):
    """target if it is a GET route of this app, seen as a browser sees it; else None."""
    if not target:
        return None
    seen = target.replace("\\", "/").replace("\t", "").replace("\r", "").replace("\n", "")
    parts = urlsplit(seen)
    if parts.scheme or parts.netloc or not seen.startswith("/") or seen.startswith("//"):
        return None
    try:
        app.url_map.bind("localhost").match(parts.path, method="GET")
    except HTTPException:
        return None
    return seen


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


def form(title, error=None, status=200):
    return render_template_string(FORM_PAGE, title=title, error=error), status


@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return form("Register")
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if email == "" or password == "":
        return form("Register", "Fill in both fields.", 400)
    if User.with_email(email):
        return form("Register", "That email is already registered.", 409)
    db.session.add(User(email=email, password_hash=generate_password_hash(password)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return form("Register", "That email is already registered.", 409)
    return redirect(url_for("login"))


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return form("Log in")
    user = User.with_email(request.form.get("email", "").strip().lower())
    if user and check_password_hash(user.password_hash, request.form.get("password", "")):
        login_user(user, remember=request.form.get("remember") == "on")
        return redirect(own_page(request.args.get("next")) or url_for("account"))
    return form("Log in", "Wrong email or password.", 401)


@app.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("login"))


@app.get("/account")
@login_required
def account():
    return render_template_string(ACCOUNT_PAGE)


@app.get("/api/me")
@login_required
def api_me():
    return {"email": current_user.email}


# Given: lets the checks see what your database stores for an account. Never add a route like
# this to a real app.
@app.get("/given/stored-password")
def given_stored_password():
    user = db.session.scalar(db.select(User).where(User.email == request.args.get("email", "")))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}
