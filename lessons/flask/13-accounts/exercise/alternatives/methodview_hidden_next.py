# Correct, written differently: LoginManager() attached with init_app, class-based views (MethodView)
# for register and login, next carried in a hidden form field, a next check that first does what a
# browser does (drops tabs and newlines, reads \ as /) and then allows only one leading slash, and
# jsonify for the answers of the API.
import re
from datetime import timedelta

from flask import Flask, jsonify, redirect, render_template_string, request, url_for
from flask.views import MethodView
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
# Given: the key that signs the session and the remember-me cookie. In a real app it comes from the
# environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
# Given: a database in memory, new every time the app starts.
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=30)
db = SQLAlchemy(app)

login_manager = LoginManager()
login_manager.init_app(app)
login_manager.login_view = "login"
login_manager.login_message = "Log in to see that page."


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))


with app.app_context():
    db.create_all()


@login_manager.user_loader
def load_user(user_id):
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))


@login_manager.unauthorized_handler
def refuse():
    if request.path == "/api" or request.path.startswith("/api/"):
        return jsonify(error="Log in first"), 401
    return redirect(url_for("login", next=request.full_path.rstrip("?")))


LOCAL = re.compile(r"/(?![/])")


def local_target(value):
    """What a browser would make of value (no tabs or newlines, \\ as /) must start with exactly one /."""
    seen = re.sub(r"[\t\r\n]", "", value or "").replace("\\", "/")
    return value if LOCAL.match(seen) else None


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

ACCOUNT_PAGE = """
<!doctype html>
<title>Your account</title>
<p>Signed in as {{ current_user.email }}</p>
<form method="post" action="{{ url_for('logout') }}"><button>Log out</button></form>
"""


class RegisterView(MethodView):
    def get(self):
        return render_template_string(FORM_PAGE, title="Register")

    def post(self):
        email = request.form.get("email", "").strip().lower()
        password = request.form.get("password", "")
        if not email or not password:
            return render_template_string(FORM_PAGE, title="Register", error="Both fields are required."), 400
        db.session.add(User(email=email, password_hash=generate_password_hash(password)))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return render_template_string(FORM_PAGE, title="Register", error="That email is already registered."), 409
        return redirect(url_for("login"))


class LoginView(MethodView):
    def get(self):
        return render_template_string(FORM_PAGE, title="Log in")

    def post(self):
        email = request.form.get("email", "").strip().lower()
        user = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
        if not user or not check_password_hash(user.password_hash, request.form.get("password", "")):
            return render_template_string(FORM_PAGE, title="Log in", error="Wrong email or password."), 401
        login_user(user, remember="remember" in request.form)
        target = local_target(request.form.get("next")) or local_target(request.args.get("next"))
        return redirect(target or url_for("account"), code=303)


app.add_url_rule("/register", view_func=RegisterView.as_view("register"))
app.add_url_rule("/login", view_func=LoginView.as_view("login"))


@app.route("/logout", methods=["POST"])
def logout():
    logout_user()
    return redirect(url_for("login"), code=303)


@app.route("/account")
@login_required
def account():
    return render_template_string(ACCOUNT_PAGE)


@app.route("/api/me")
@login_required
def api_me():
    return jsonify(email=current_user.email)


# Given: lets the checks see what your database stores for an account. Never add a route like
# this to a real app.
@app.get("/given/stored-password")
def given_stored_password():
    user = db.session.scalar(db.select(User).where(User.email == request.args.get("email", "")))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}
