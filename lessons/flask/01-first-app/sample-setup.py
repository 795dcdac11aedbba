# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. It builds the app the lesson's first two code blocks write in app.py, so the
# test-client sample can use `app` as the prose does.
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Hello from Flask!"


@app.get("/about")
def about():
    return "<h1>About</h1><p>A tiny tea shop.</p>"


@app.get("/hello/<name>")
def hello(name):
    return f"Hello, {name}!"
