from flask import Flask, redirect, render_template_string, request, url_for

app = Flask(__name__)
# Given: the key that signs the session cookie, where Flask-WTF keeps the CSRF secret. In a real
# app it comes from the environment.
app.config["SECRET_KEY"] = "dev-only-change-me"

SIGNUPS = []  # Given: every sign-up, as {"name": ..., "seats": ...}

# TODO: a SignupForm (a FlaskForm) with the fields name and seats and their validators,
# and CSRFProtect for the whole app.

FORM_PAGE = """
<!doctype html>
<title>Sign up for the workshop</title>
<h1>Sign up for the workshop</h1>
{% if message %}<p>{{ message }}</p>{% endif %}
<form method="post">
  {# TODO: the CSRF token, then each field rendered from the form with its errors next to it #}
  <p><label>Name <input name="name"></label></p>
  <p><label>Seats <input name="seats" type="number"></label></p>
  <button>Sign up</button>
</form>
"""

LIST_PAGE = """
<!doctype html>
<title>Workshop sign-ups</title>
{# TODO: show the flashed messages here #}
<h1>Sign-ups</h1>
<ul>
  {% for entry in signups %}
  <li>{{ entry.name }}: {{ entry.seats }} seat(s)</li>
  {% endfor %}
</ul>
<p><a href="{{ url_for('signup') }}">Sign up</a></p>
"""


@app.route("/signup", methods=["GET", "POST"])
def signup():
    message = None
    if request.method == "POST":
        # TODO: validate with the form. Store only valid data, flash the thanks message and
        # redirect to /signups; show the form again with its errors otherwise.
        name = request.form.get("name", "")
        SIGNUPS.append({"name": name, "seats": request.form.get("seats", "")})
        message = f"Thanks, {name}! You are signed up."
    return render_template_string(FORM_PAGE, message=message)


@app.get("/signups")
def signups():
    return render_template_string(LIST_PAGE, signups=SIGNUPS)
