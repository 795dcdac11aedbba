from flask import Flask, render_template_string, request

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


# Given, keep it as it is: the checks replace the entries with their own through it.
@app.put("/entries")
def set_entries():
    ENTRIES[:] = [str(entry) for entry in request.get_json()]
    return {"count": len(ENTRIES)}
