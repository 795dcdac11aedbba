from flask import Flask, render_template_string, request

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
    return render_template_string(PAGE, entries=ENTRIES)


# Given, keep it as it is: the checks replace the entries with their own through it.
@app.put("/entries")
def set_entries():
    ENTRIES[:] = [str(entry) for entry in request.get_json()]
    return {"count": len(ENTRIES)}
