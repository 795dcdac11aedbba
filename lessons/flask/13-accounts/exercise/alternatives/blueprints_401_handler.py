# Correct, written differently: three blueprints. No unauthorized_handler: blueprint_login_views gives
# the api blueprint no login view, so Flask-Login answers 401 there, and the blueprint's own 401 error
# handler turns that into JSON. The login page keeps next in a hidden field, checked after removing what
# browsers ignore (tabs, newlines) and turning \ into / as they do.
from urllib.parse import urlsplit

from flask import Blueprint, Flask, redirect, render_template_string, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
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


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))


with app.app_context():
    db.create_all()

login_manager = LoginManager(app)
login_manager.login_view = "auth.login"
login_manager.blueprint_login_views = {"api": None}
login_manager.login_message = None  # no "Please log in" flash


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


auth = Blueprint("auth", __name__)
pages = Blueprint("pages", __name__)
api = Blueprint("api", __name__, url_prefix="/api")

# Given: the page for both forms. This one keeps next in a hidden field.
FORM_PAGE = """
<!doctype html>
<title>{{ title }}</title>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<form method="post">
  <input type="hidden" name="next" value="{{ request.args.get('next', '') }}">
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
<form method="post" action="{{ url_for('auth.logout') }}"><button>Log out</button></form>
"""


def page(title, error=None, status=200):
    return render_template_string(FORM_PAGE, title=title, error=error), status


@auth.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return page("Register")
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    if not email or not password:
        return page("Register", "Enter an email and a password.", 400)
    try:
        db.session.add(User(email=email, password_hash=generate_password_hash(password)))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return page("Register", "That email is already registered.", 409)
    return redirect(url_for("auth.login"))


@auth.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return page("Log in")
    user = db.session.scalar(db.select(User).filter_by(email=request.form.get("email", "").strip().lower()))
    if user is None or not check_password_hash(user.password_hash, request.form.get("password", "")):
        return page("Log in", "Wrong email or password.", 401)
    login_user(user, remember=bool(request.form.get("remember")))
    target = request.form.get("next", "").translate({ord("\t"): None, ord("\r"): None, ord("\n"): None, ord("\\"): "/"})
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        target = url_for("pages.account")
    return redirect(target)


@auth.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("auth.login"))


@pages.get("/account")
@login_required
def account():
    return render_template_string(ACCOUNT_PAGE)


@api.get("/me")
@login_required
def me():
    return {"email": current_user.email}


@api.errorhandler(401)
def api_unauthorized(error):
    return {"error": "Log in first"}, 401


# Given: lets the checks see what your database stores for an account. Never add a route like
# this to a real app.
@app.get("/given/stored-password")
def given_stored_password():
    user = db.session.scalar(db.select(User).where(User.email == request.args.get("email", "")))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}


for blueprint in (auth, pages, api):
    app.register_blueprint(blueprint)
