# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It writes the lesson's app.py into the sample's empty folder: the set-up
# section's start of the file, then the register, log in/log out, account and API views in the order
# the lesson adds them, exactly as it shows them. It also writes templates/auth.html and
# templates/account.html, and creates Ada's account (id 1, password "analytical engine") as the
# lesson's first run does, so the later runs find the database that run left.
import pathlib as _pathlib

_APP = r'''
from flask import Flask, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_url, login_user, logout_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()
login_manager = LoginManager()


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))   # None when there is no such user


app = Flask(__name__)
app.config["SECRET_KEY"] = "dev-only"   # in production: a long random value from the environment
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///accounts.sqlite"
db.init_app(app)
login_manager.init_app(app)
login_manager.login_view = "login"

with app.app_context():
    db.create_all()


@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("auth.html", title="Register")
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if not email or len(password) < 8:
        error = "Enter an email and a password of at least 8 characters."
        return render_template("auth.html", title="Register", error=error), 400
    user = User(email=email)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:   # the unique constraint on email refused a second account
        db.session.rollback()
        error = "That email is already registered."
        return render_template("auth.html", title="Register", error=error), 409
    flash("Account created. You can log in now.")
    return redirect(url_for("login"), code=303)


def safe_next(target):
    """target when it is a path on this site (/account?tab=2), otherwise None."""
    # Read it as a browser will: tabs and newlines dropped, a backslash taken for a slash.
    seen = (target or "").replace("\t", "").replace("\r", "").replace("\n", "").replace("\\", "/")
    if seen.startswith("/") and not seen.startswith("//"):
        return seen
    return None


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("auth.html", title="Log in", remember=True)
    email = request.form.get("email", "").strip().lower()
    user = db.session.scalar(db.select(User).where(User.email == email))
    if user is None or not user.check_password(request.form.get("password", "")):
        error = "Wrong email or password."
        return render_template("auth.html", title="Log in", remember=True, error=error), 401
    login_user(user, remember=bool(request.form.get("remember")))
    return redirect(safe_next(request.args.get("next")) or url_for("account"), code=303)


@app.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("login"), code=303)


@app.get("/account")
@login_required
def account():
    return render_template("account.html")


@app.get("/api/me")
@login_required
def api_me():
    return {"email": current_user.email}


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return {"error": "Log in first"}, 401
    return redirect(login_url("login", next_url=request.url))
'''

_AUTH = '''\
<!doctype html>
<title>{{ title }}</title>
{% for message in get_flashed_messages() %}<p class="flash">{{ message }}</p>{% endfor %}
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<form method="post">
  <input name="email" type="email" required>
  <input name="password" type="password" required>
  {% if remember %}<label><input name="remember" type="checkbox"> Remember me</label>{% endif %}
  <button>{{ title }}</button>
</form>
'''

_ACCOUNT = '''\
<!doctype html>
<title>Your account</title>
{% if current_user.is_authenticated %}
  <p>Signed in as {{ current_user.email }}</p>
  <form method="post" action="{{ url_for('logout') }}"><button>Log out</button></form>
{% endif %}
'''

_pathlib.Path("app.py").write_text(_APP)
_pathlib.Path("templates").mkdir()
_pathlib.Path("templates/auth.html").write_text(_AUTH)
_pathlib.Path("templates/account.html").write_text(_ACCOUNT)

from app import User as _User, app as _app, db as _db  # noqa: E402

with _app.app_context():
    _ada = _User(email="ada@example.com")
    _ada.set_password("analytical engine")
    _db.session.add(_ada)
    _db.session.commit()
