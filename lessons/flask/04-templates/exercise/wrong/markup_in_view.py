# Escapes nothing either: wrapping the entries in Markup() in the view tells Jinja they are safe HTML.
from flask import Flask, render_template_string
from markupsafe import Markup

app = Flask(__name__)

ENTRIES = []

PAGE = """
<h1>Guestbook ({{ entries|length }})</h1>
{% if entries %}
<ul>
  {% for entry in entries %}
  <li>{{ entry }}</li>
  {% endfor %}
</ul>
{% else %}
<p>No entries yet.</p>
{% endif %}
"""


@app.get("/")
def guestbook():
    return render_template_string(PAGE, entries=[Markup(entry) for entry in ENTRIES])
