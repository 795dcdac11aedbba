# render_template with the template held by a DictLoader (as if it were templates/guestbook.html),
# spaces inside the tags, and the view passing the entries under another name.
from flask import Flask, render_template, request
from jinja2 import DictLoader

app = Flask(__name__)
app.jinja_loader = DictLoader(
    {
        "guestbook.html": """
<h1>Guestbook ({{ messages | length }})</h1>
{% if messages %}
  <ul>
    {% for message in messages %}
      <li>
        {{ message }}
      </li>
    {% endfor %}
  </ul>
{% else %}
  <p>
    No entries yet.
  </p>
{% endif %}
"""
    }
)

ENTRIES = []


@app.route("/")
def guestbook():
    return render_template("guestbook.html", messages=ENTRIES)


# Given, keep it as it is: the checks replace the entries with their own through it.
@app.put("/entries")
def set_entries():
    ENTRIES[:] = [str(entry) for entry in request.get_json()]
    return {"count": len(ENTRIES)}
