from flask import Flask, redirect, render_template_string, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
# Given: the key that signs the session and the remember-me cookie. In a real app it comes from the
# environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
# Given: a database in memory, new every time the app starts.
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)

# TODO: a LoginManager for the app, with its login view.


class User(db.Model):  # TODO: add what Flask-Login needs from a user class
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))


with app.app_context():
    db.create_all()

# TODO: the user_loader, and an unauthorized handler that answers 401 JSON under /api/ and
# redirects to the login page everywhere else.


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
    # TODO: store a new User with a hashed password and redirect to /login; 400 when a field is
    # empty, 409 "That email is already registered." for an email that has an account.
    return render_template_string(FORM_PAGE, title="Register", error="Not written yet."), 501


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template_string(FORM_PAGE, title="Log in")
    # TODO: check the password, log the user in (remembered only when the box is ticked) and
    # redirect to next when it is a path on this site, else to /account. Otherwise answer 401 with
    # "Wrong email or password."
    return render_template_string(FORM_PAGE, title="Log in", error="Not written yet."), 501


@app.post("/logout")
def logout():
    # TODO: log the user out and redirect to /login.
    return redirect(url_for("login"), code=303)


@app.get("/account")
def account():  # TODO: only for logged-in users
    return "Not written yet: this page shows ACCOUNT_PAGE to the logged-in user.", 501


@app.get("/api/me")
def api_me():  # TODO: only for logged-in users; {"email": ...} of the current user
    return {"error": "Not written yet"}, 501


# Given: lets the checks see what your database stores for an account. Never add a route like
# this to a real app.
@app.get("/given/stored-password")
def given_stored_password():
    user = db.session.scalar(db.select(User).where(User.email == request.args.get("email", "")))
    if user is None:
        return {"error": "No such account"}, 404
    return {"stored": user.password_hash}
