# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It writes the lesson's contact app, app.py, and its template,
# templates/contact.html, into the sample's empty folder, exactly as the lesson shows them.
import pathlib

APP = '''\
from flask import Flask, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev-only"   # in production: a long random value from the environment
csrf = CSRFProtect(app)

MESSAGES = []


class ContactForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=60)])
    email = StringField("Email", validators=[DataRequired(), Length(max=120)])
    message = TextAreaField("Message", validators=[DataRequired(), Length(min=10, max=1000)])


@app.route("/contact", methods=["GET", "POST"])
def contact():
    form = ContactForm()
    if form.validate_on_submit():
        MESSAGES.append({"name": form.name.data, "email": form.email.data, "message": form.message.data})
        flash(f"Thanks, {form.name.data}: your message is on its way.")
        return redirect(url_for("contact"), code=303)
    return render_template("contact.html", form=form)
'''

TEMPLATE = '''\
<!doctype html>
<title>Contact</title>
{% for message in get_flashed_messages() %}
  <p class="flash">{{ message }}</p>
{% endfor %}
<form method="post">
  {{ form.csrf_token }}
  {% for field in [form.name, form.email, form.message] %}
    <p>
      {{ field.label }} {{ field() }}
      {% for error in field.errors %}<span class="error">{{ error }}</span>{% endfor %}
    </p>
  {% endfor %}
  <button>Send</button>
</form>
'''

pathlib.Path("app.py").write_text(APP)
pathlib.Path("templates").mkdir()
pathlib.Path("templates/contact.html").write_text(TEMPLATE)
