# Correct, written differently: plain sqlite3 instead of Flask-SQLAlchemy (a User class with UserMixin
# built from a row), a lookup before the insert, separate GET and POST views, the API in a blueprint,
# and next joined to this site's address: followed only when the host stays the same, and then as the
# joined, absolute URL, so the browser reads what was checked (////evil.example, in which urljoin finds no
# host, is sent as http://<this host>//evil.example: a path on this site).
import sqlite3
from urllib.parse import urljoin, urlsplit

from flask import Blueprint, Flask, g, redirect, render_template_string, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
# Given: the key that signs the session and the remember-me cookie. In a real app it comes from the
# environment.
app.config["SECRET_KEY"] = "dev-only-change-me"

DATABASE = "file:accounts?mode=memory&cache=shared"
_keeper = sqlite3.connect(DATABASE, uri=True)  # keeps the shared in-memory database alive
_keeper.execute("CREATE TABLE IF NOT EXISTS user (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL)")


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE, uri=True)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exception):
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


class User(UserMixin):
    def __init__(self, row):
        self.id = row["id"]
        self.email = row["email"]
        self.password_hash = row["password_hash"]

    @classmethod
    def by_id(cls, user_id):
        row = get_db().execute("SELECT * FROM user WHERE id = ?", (user_id,)).fetchone()
        return cls(row) if row else None

    @classmethod
    def by_email(cls, email):
        row = get_db().execute("SELECT * FROM user WHERE email = ?", (email,)).fetchone()
        return cls(row) if row else None


login_manager = LoginManager()
login_manager.init_app(app)
login_manager.login_view = "login_form"


@login_manager.user_loader
def load_user(user_id):
    return User.by_id(int(user_id))


api = Blueprint("api", __name__, url_prefix="/api")


@login_manager.unauthorized_handler
def unauthorized():
    if request.blueprint == "api":
        return {"error": "Log in first"}, 401
    return redirect(url_for("login_form", next=request.full_path.rstrip("?")))


def on_this_site(target):
    """The absolute URL of target on this site, or None when it leads to another one."""
    if not target:
        return None
    here = urlsplit(request.host_url)
    there = urlsplit(urljoin(request.host_url, target))
    if there.scheme in ("http", "https") and there.netloc == here.netloc:
        return there.geturl()
    return None


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


@app.get("/register")
def register_form():
    return render_template_string(FORM_PAGE, title="Register")


@app.post("/register")
def register():
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if not email or not password:
        return render_template_string(FORM_PAGE, title="Register", error="Enter an email and a password."), 400
    if User.by_email(email) is not None:
        return render_template_string(FORM_PAGE, title="Register", error="That email is already registered."), 409
    db = get_db()
    db.execute("INSERT INTO user (email, password_hash) VALUES (?, ?)", (email, generate_password_hash(password)))
    db.commit()
    return redirect(url_for("login_form"))


@app.get("/login")
def login_form():
    return render_template_string(FORM_PAGE, title="Log in")


@app.post("/login")
def login():
    user = User.by_email(request.form.get("email", "").strip().lower())
    if not (user and check_password_hash(user.password_hash, request.form.get("password", ""))):
        return render_template_string(FORM_PAGE, title="Log in", error="Wrong email or password."), 401
    login_user(user, remember="remember" in request.form)
    return redirect(on_this_site(request.args.get("next")) or url_for("account"))


@app.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("login_form"))


@app.get("/account")
@login_required
def account():
    return render_template_string(ACCOUNT_PAGE)


@api.get("/me")
@login_required
def me():
    return {"email": current_user.email}


app.register_blueprint(api)


# Given (rewritten for sqlite3): lets the checks see what the database stores for an account.
@app.get("/given/stored-password")
def given_stored_password():
    user = User.by_email(request.args.get("email", ""))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}
