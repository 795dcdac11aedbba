# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds the app from the lesson's code blocks (the views of each section,
# in one module), so the samples can use `app` as the prose does.
from flask import Flask, request

app = Flask(__name__)


@app.get("/users/<username>")
def profile(username):
    return f"Profile of {username}"


@app.get("/books/<int:book_id>")
def book(book_id):
    return f"Book number {book_id}, next is {book_id + 1}"


@app.get("/notes")
def list_notes():
    return "All notes"


@app.post("/notes")
def create_note():
    return "Note saved", 201


@app.route("/contact", methods=["GET", "POST"])
def contact():
    if request.method == "POST":
        return "Thanks for your message"
    return "Contact form goes here"


@app.get("/search")
def search():
    term = request.args.get("q", "")
    page = request.args.get("page", 1, type=int)
    tags = request.args.getlist("tag")
    return {"term": term, "page": page, "tags": tags}


@app.post("/subscribe")
def subscribe():
    email = request.form.get("email", "").strip()
    if not email:
        return "Please give an email address", 400
    return f"Subscribed {email}"


@app.post("/echo")
def echo():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return {"error": "Send a JSON object"}, 400
    return {"you_sent": data}
