from flask import Flask, render_template_string

app = Flask(__name__)

ENTRIES = []

PAGE = """
<h1>Guestbook</h1>
<ul>
{% for entry in entries %}
  <li>{{ entry|safe }}</li>
{% endfor %}
</ul>
"""


@app.get("/")
def guestbook():
    return render_template_string(PAGE, entries=ENTRIES)
