# Correct, written differently: routes on a blueprint registered at the end, CSRFProtect set up with
# init_app, an inline validate_seats method for the range (same wording as NumberRange), a strip
# filter on the name, form.validate() behind an explicit method test, errors listed above the form,
# and an absolute redirect URL (_external=True) with Flask's default 302.
from flask import Blueprint, Flask, flash, redirect, render_template_string, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

app = Flask(__name__)
# Given: the key that signs the session cookie, where Flask-WTF keeps the CSRF secret. In a real
# app it comes from the environment.
app.config["SECRET_KEY"] = "dev-only-change-me"
csrf = CSRFProtect()
csrf.init_app(app)

SIGNUPS = []  # Given: every sign-up, as {"name": ..., "seats": ...}

workshop = Blueprint("workshop", __name__)


def strip(value):
    return value.strip() if isinstance(value, str) else value


class SignupForm(FlaskForm):
    name = StringField("Your name", filters=[strip], validators=[DataRequired(), Length(max=40)])
    seats = IntegerField("How many seats?", validators=[InputRequired()])

    def validate_seats(self, field):
        # field.data is None when the text was not a number; IntegerField has already said so
        if field.data is not None and not 1 <= field.data <= 5:
            raise ValidationError("Number must be between 1 and 5.")


FORM_PAGE = """<!doctype html>
<title>Sign up for the workshop</title>
{% if form.errors %}
<ul class="errors">
{% for field_name, messages in form.errors.items() %}{% for m in messages %}<li>{{ field_name }}: {{ m }}</li>{% endfor %}{% endfor %}
</ul>
{% endif %}
<form method="post" action="{{ url_for('workshop.signup') }}">
{{ form.hidden_tag() }}
<div>{{ form.name.label }}{{ form.name(size=40, autocomplete="name") }}</div>
<div>{{ form.seats.label }}{{ form.seats(min=1, max=5) }}</div>
<input type="submit" value="Sign up">
</form>"""

LIST_PAGE = """
<!doctype html>
<title>Workshop sign-ups</title>
{% with messages = get_flashed_messages(with_categories=true) %}
{% for category, message in messages %}<aside class="{{ category }}">{{ message }}</aside>{% endfor %}
{% endwith %}
<h1>Sign-ups</h1>
<ul>
  {% for entry in signups %}
  <li>{{ entry.name }}: {{ entry.seats }} seat(s)</li>
  {% endfor %}
</ul>
<p><a href="{{ url_for('workshop.signup') }}">Sign up</a></p>
"""


@workshop.route("/signup", methods=("GET", "POST"))
def signup():
    form = SignupForm()
    if request.method == "POST" and form.validate():
        SIGNUPS.append(dict(name=form.name.data, seats=form.seats.data))
        flash("Thanks, {}! You are signed up.".format(form.name.data), "success")
        return redirect(url_for("workshop.signups", _external=True))
    return render_template_string(FORM_PAGE, form=form)


@workshop.route("/signups")
def signups():
    return render_template_string(LIST_PAGE, signups=SIGNUPS)


app.register_blueprint(workshop)
