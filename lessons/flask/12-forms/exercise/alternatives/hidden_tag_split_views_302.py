# Correct, written differently: separate GET and POST views, form.hidden_tag(), a Jinja macro for the
# fields, flash categories, and Flask's default 302 redirect.
from flask import Flask, flash, redirect, render_template_string, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

app = Flask(__name__)
# Given: the key that signs the session cookie, where Flask-WTF keeps the CSRF secret. In a real
# app it comes from the environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
CSRFProtect(app)

SIGNUPS = []  # Given: every sign-up, as {"name": ..., "seats": ...}


class SignupForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=40)])
    seats = IntegerField("How many seats?", validators=[InputRequired(), NumberRange(min=1, max=5)])


FORM_PAGE = """
{% macro render_field(field) %}
  <div class="field{% if field.errors %} invalid{% endif %}">
    {{ field.label }}
    {{ field(autocomplete="off") }}
    {% if field.errors %}
    <ul class="errors">{% for error in field.errors %}<li>{{ error }}</li>{% endfor %}</ul>
    {% endif %}
  </div>
{% endmacro %}
<!doctype html>
<title>Sign up for the workshop</title>
<h1>Sign up for the workshop</h1>
<form method="post" action="{{ url_for('signup') }}">
  {{ form.hidden_tag() }}
  {{ render_field(form.name) }}
  {{ render_field(form.seats) }}
  <button type="submit">Sign up</button>
</form>
"""

LIST_PAGE = """
<!doctype html>
<title>Workshop sign-ups</title>
{% with messages = get_flashed_messages(with_categories=true) %}
  {% if messages %}
  <div class="messages">
    {% for category, message in messages %}<p class="{{ category }}">{{ message }}</p>{% endfor %}
  </div>
  {% endif %}
{% endwith %}
<h1>Sign-ups</h1>
<ul>
  {% for entry in signups %}
  <li>{{ entry.name }}: {{ entry.seats }} seat(s)</li>
  {% endfor %}
</ul>
<p><a href="{{ url_for('signup') }}">Sign up</a></p>
"""


def show(form):
    return render_template_string(FORM_PAGE, form=form)


@app.get("/signup")
def signup_form():
    return show(SignupForm())


@app.post("/signup")
def signup():
    form = SignupForm()
    if not form.validate():
        return show(form)
    entry = {"name": form.name.data, "seats": form.seats.data}
    SIGNUPS.append(entry)
    flash(f"Thanks, {entry['name']}! You are signed up.", "success")
    return redirect(url_for("signups"))


@app.get("/signups")
def signups():
    return render_template_string(LIST_PAGE, signups=SIGNUPS)
