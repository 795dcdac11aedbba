# Correct, written differently: a class-based MethodView, inputs written by hand in the template with
# the token from CSRFProtect's csrf_token() global and the values and errors read from the form.
from flask import Flask, flash, redirect, render_template_string, url_for
from flask.views import MethodView
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

app = Flask(__name__)
# Given: the key that signs the session cookie, where Flask-WTF keeps the CSRF secret. In a real
# app it comes from the environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
csrf = CSRFProtect(app)

SIGNUPS = []  # Given: every sign-up, as {"name": ..., "seats": ...}


class SignupForm(FlaskForm):
    name = StringField(validators=[DataRequired(), Length(max=40)])
    seats = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=5)])


FORM_PAGE = """
<!doctype html>
<title>Sign up for the workshop</title>
<h1>Sign up for the workshop</h1>
<form method="post">
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  <label for="name">Name</label>
  <input id="name" name="name" value="{{ form.name.data or '' }}">
  {% for error in form.errors.get("name", []) %}<small>{{ error }}</small>{% endfor %}
  <label for="seats">Seats</label>
  <input id="seats" name="seats" type="number" value="{{ form.seats.raw_data[0] if form.seats.raw_data else '' }}">
  {% for error in form.errors.get("seats", []) %}<small>{{ error }}</small>{% endfor %}
  <button>Sign up</button>
</form>
"""

LIST_PAGE = """
<!doctype html>
<title>Workshop sign-ups</title>
{% for message in get_flashed_messages() %}
<div role="status">{{ message }}</div>
{% endfor %}
<h1>Sign-ups</h1>
<ul>
  {% for entry in signups %}
  <li>{{ entry.name }}: {{ entry.seats }} seat(s)</li>
  {% endfor %}
</ul>
<p><a href="{{ url_for('signup') }}">Sign up</a></p>
"""


class SignupView(MethodView):
    def get(self):
        return render_template_string(FORM_PAGE, form=SignupForm())

    def post(self):
        form = SignupForm()
        if form.validate_on_submit():
            name, seats = form.name.data, form.seats.data
            SIGNUPS.append({"name": name, "seats": seats})
            flash(f"Thanks, {name}! You are signed up.")
            return redirect(url_for("signups"), code=303)
        return render_template_string(FORM_PAGE, form=form)


app.add_url_rule("/signup", view_func=SignupView.as_view("signup"))


@app.get("/signups")
def signups():
    return render_template_string(LIST_PAGE, signups=SIGNUPS)
