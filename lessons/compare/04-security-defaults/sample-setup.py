# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It is the Flask app of "Your turn: audit a small Flask app", exactly as the
# lesson shows it, so the model answer's sample can send it a request. The lesson's other samples
# build their own app (or db) and replace these names.
import sqlite3

from flask import Flask, render_template_string, request, session

app = Flask(__name__)
app.secret_key = "dev"
db = sqlite3.connect(":memory:", check_same_thread=False)
db.execute("CREATE TABLE members (name TEXT, email TEXT)")
db.execute("INSERT INTO members VALUES ('Ada', 'ada@example.com')")


@app.post("/email")
def change_email():
    if "member" not in session:
        return {"error": "sign in first"}, 401
    db.execute("UPDATE members SET email = ? WHERE name = ?", (request.form["email"], session["member"]))
    return {"ok": True}


@app.get("/search")
def search():
    q = request.args.get("q", "")
    rows = db.execute(f"SELECT name FROM members WHERE name LIKE '%{q}%'").fetchall()
    page = "<h1>Results for " + q + "</h1>{% for row in rows %}<p>{{ row[0] }}</p>{% endfor %}"
    return render_template_string(page, rows=rows)
