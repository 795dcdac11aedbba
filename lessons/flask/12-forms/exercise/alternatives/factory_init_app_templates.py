# Correct, written differently: an app factory with CSRFProtect().init_app(app), templates in a
# DictLoader rendered with render_template (a base layout shows the flashed messages), validators
# imported as a module, every visible field rendered in a loop, and the entry built from form.data.
from flask import Flask, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from jinja2 import DictLoader
from wtforms import IntegerField, StringField, validators

csrf = CSRFProtect()

SIGNUPS = []  # Given: every sign-up, as {"name": ..., "seats": ...}

TEMPLATES = {
    "base.html": """<!doctype html>
<title>{% block title %}{% endblock %}</title>
{% for message in get_flashed_messages() %}<p class="flash">{{ message }}</p>{% endfor %}
{% block content %}{% endblock %}
""",
    "signup.html": """{% extends "base.html" %}
{% block title %}Sign up for the workshop{% endblock %}
{% block content %}
<h1>Sign up for the workshop</h1>
<form method="post" novalidate>
  {{ form.csrf_token }}
  {% for field in form if field.widget.input_type != "hidden" %}
  <p>{{ field.label }} {{ field() }}
    {% for error in field.errors %}<em class="error">{{ error }}</em>{% endfor %}</p>
  {% endfor %}
  <button>Sign up</button>
</form>
{% endblock %}
""",
    "signups.html": """{% extends "base.html" %}
{% block title %}Workshop sign-ups{% endblock %}
{% block content %}
<h1>Sign-ups</h1>
<ul>
  {% for entry in signups %}
  <li>{{ entry.name }}: {{ entry.seats }} seat(s)</li>
  {% endfor %}
</ul>
<p><a href="{{ url_for('signup') }}">Sign up</a></p>
{% endblock %}
""",
}


class SignupForm(FlaskForm):
    name = StringField("Name", [validators.DataRequired(), validators.Length(max=40)])
    seats = IntegerField("Seats", [validators.InputRequired(), validators.NumberRange(1, 5)])


def create_app():
    app = Flask(__name__)
    # Given: the key that signs the session cookie, where Flask-WTF keeps the CSRF secret. In a real
    # app it comes from the environment.
    app.config["SECRET_KEY"] = "dev-only-change-me"
    app.jinja_loader = DictLoader(TEMPLATES)
    csrf.init_app(app)

    @app.route("/signup", methods=["GET", "POST"])
    def signup():
        form = SignupForm()
        if form.validate_on_submit():
            entry = {key: value for key, value in form.data.items() if key != "csrf_token"}
            SIGNUPS.append(entry)
            flash("Thanks, %s! You are signed up." % entry["name"])
            return redirect(url_for("signups"), 303)
        return render_template("signup.html", form=form)

    @app.get("/signups")
    def signups():
        return render_template("signups.html", signups=SIGNUPS)

    return app


app = create_app()
