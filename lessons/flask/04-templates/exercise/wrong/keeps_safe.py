# The anti-pattern the exercise is about: |safe turns escaping off, so an entry's <script> runs.
from flask import Flask, render_template_string

app = Flask(__name__)

ENTRIES = []

PAGE = """
<h1>Guestbook ({{ entries|length }})</h1>
{% if entries %}
<ul>
  {% for entry in entries %}
  <li>{{ entry|safe }}</li>
  {% endfor %}
</ul>
{% else %}
<p>No entries yet.</p>
{% endif %}
"""


@app.get("/")
def guestbook():
    return render_template_string(PAGE, entries=ENTRIES)
