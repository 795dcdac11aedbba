# Wrong: next is checked with urlsplit() alone (no scheme, no host, starts with /). urlsplit finds no host in
# ////evil.example, but the Location Werkzeug sends for it is //evil.example: another site.
from urllib.parse import urlsplit

from flask import Flask, redirect, render_template_string, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_url, login_user, logout_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
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


def safe_next(target):
    """target when it is a path on this site, otherwise None."""
    if not target or not target.startswith("/"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


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


@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template_string(FORM_PAGE, title="Register")
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if not email or not password:
        return render_template_string(FORM_PAGE, title="Register", error="Enter an email and a password."), 400
    user = User(email=email, password_hash=generate_password_hash(password))
    db.session.add(user)
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
    email = request.form.get("email", "").strip().lower()
    user = db.session.scalar(db.select(User).where(User.email == email))
    if user is None or not check_password_hash(user.password_hash, request.form.get("password", "")):
        return render_template_string(FORM_PAGE, title="Log in", error="Wrong email or password."), 401
    login_user(user, remember=bool(request.form.get("remember")))
    return redirect(safe_next(request.args.get("next")) or url_for("account"), code=303)


@app.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("login"), code=303)


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
