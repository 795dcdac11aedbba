# Wrong: Optional() instead of InputRequired() on seats: an empty seats field is accepted and stored as None.
from flask import Flask, flash, redirect, render_template_string, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

app = Flask(__name__)
# Given: the key that signs the session cookie, where Flask-WTF keeps the CSRF secret. In a real
# app it comes from the environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
csrf = CSRFProtect(app)

SIGNUPS = []  # Given: every sign-up, as {"name": ..., "seats": ...}


class SignupForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=40)])
    seats = IntegerField("Seats", validators=[Optional(), NumberRange(min=1, max=5)])


FORM_PAGE = """
<!doctype html>
<title>Sign up for the workshop</title>
<h1>Sign up for the workshop</h1>
<form method="post">
  {{ form.csrf_token }}
  {% for field in [form.name, form.seats] %}
  <p>
    {{ field.label }} {{ field() }}
    {% for error in field.errors %}<span class="error">{{ error }}</span>{% endfor %}
  </p>
  {% endfor %}
  <button>Sign up</button>
</form>
"""

LIST_PAGE = """
<!doctype html>
<title>Workshop sign-ups</title>
{% for message in get_flashed_messages() %}
<p class="flash">{{ message }}</p>
{% endfor %}
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
    form = SignupForm()
    if form.validate_on_submit():
        SIGNUPS.append({"name": form.name.data, "seats": form.seats.data})
        flash(f"Thanks, {form.name.data}! You are signed up.")
        return redirect(url_for("signups"), code=303)
    return render_template_string(FORM_PAGE, form=form)


@app.get("/signups")
def signups():
    return render_template_string(LIST_PAGE, signups=SIGNUPS)
