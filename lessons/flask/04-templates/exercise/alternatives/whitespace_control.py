# One compact template with Jinja's whitespace control, an explicit |e, a class on the list, and the
# empty state decided with the length test.
from flask import Flask, render_template_string, request

app = Flask(__name__)

ENTRIES = []

PAGE = (
    "<h1>Guestbook ({{ entries|length }})</h1>"
    "{%- if entries|length == 0 %}<p>No entries yet.</p>"
    "{%- else %}<ul class=\"entries\">"
    "{%- for entry in entries %}<li>{{ entry|e }}</li>{% endfor -%}"
    "</ul>{% endif %}"
)


@app.get("/")
def guestbook():
    return render_template_string(PAGE, entries=ENTRIES)


# Given, keep it as it is: the checks replace the entries with their own through it.
@app.put("/entries")
def set_entries():
    ENTRIES[:] = [str(entry) for entry in request.get_json()]
    return {"count": len(ENTRIES)}
