# Correct, written differently: extensions created first and attached in create_app() with init_app,
# password methods on the model, a lookup before the insert (the unique constraint still backs it up),
# strong session protection, a 14-day remember cookie, next read from the form or the query string,
# and the user_loader written with select().
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, redirect, render_template_string, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()
login_manager = LoginManager()
login_manager.login_view = "login"
login_manager.session_protection = "strong"


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
    return db.session.execute(select(User).filter_by(id=int(user_id))).scalar_one_or_none()


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return {"error": "Log in first"}, 401
    return redirect(url_for("login", next=request.path))


# Given: the page for both forms. The form posts back to its own URL, ?next=... included.
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

# Given: the account page. current_user comes from Flask-Login once it is set up.
ACCOUNT_PAGE = """
<!doctype html>
<title>Your account</title>
<p>Signed in as {{ current_user.email }}</p>
<form method="post" action="{{ url_for('logout') }}"><button>Log out</button></form>
"""


def local_path(target):
    # What a browser will read: no tabs or newlines, and \ as /. Then one leading / and no host.
    cleaned = "".join(ch for ch in target or "" if ch not in "\t\r\n").replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or not cleaned.startswith("/") or cleaned.startswith("//"):
        return None
    return cleaned


def find_user(email):
    return db.session.scalar(select(User).where(User.email == email))


def register():
    if request.method == "GET":
        return render_template_string(FORM_PAGE, title="Register")
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if not (email and password):
        return render_template_string(FORM_PAGE, title="Register", error="Enter an email and a password."), 400
    taken = render_template_string(FORM_PAGE, title="Register", error="That email is already registered."), 409
    if find_user(email) is not None:
        return taken
    user = User(email=email)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:  # someone registered the same email between the lookup and the insert
        db.session.rollback()
        return taken
    return redirect(url_for("login"), code=303)


def login():
    if request.method == "GET":
        return render_template_string(FORM_PAGE, title="Log in")
    user = find_user(request.form.get("email", "").strip().lower())
    if user is not None and user.check_password(request.form.get("password", "")):
        login_user(user, remember=request.form.get("remember") == "on")
        target = local_path(request.form.get("next") or request.args.get("next"))
        return redirect(target or url_for("account"), code=303)
    return render_template_string(FORM_PAGE, title="Log in", error="Wrong email or password."), 401


def logout():
    logout_user()
    return redirect(url_for("login"), code=303)


@login_required
def account():
    return render_template_string(ACCOUNT_PAGE)


@login_required
def api_me():
    return {"email": current_user.email}


# Given: lets the checks see what your database stores for an account. Never add a route like
# this to a real app.
def given_stored_password():
    user = find_user(request.args.get("email", ""))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}


def create_app():
    app = Flask(__name__)
    # Given: the key that signs the session and the remember-me cookie.
    app.config["SECRET_KEY"] = "dev-only-change-me"
    # Given: a database in memory, new every time the app starts.
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=14)
    db.init_app(app)
    login_manager.init_app(app)
    app.add_url_rule("/register", view_func=register, methods=["GET", "POST"])
    app.add_url_rule("/login", view_func=login, methods=["GET", "POST"])
    app.add_url_rule("/logout", view_func=logout, methods=["POST"])
    app.add_url_rule("/account", view_func=account)
    app.add_url_rule("/api/me", view_func=api_me)
    app.add_url_rule("/given/stored-password", view_func=given_stored_password)
    with app.app_context():
        db.create_all()
    return app


app = create_app()
