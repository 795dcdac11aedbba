from flask import Flask

app = Flask(__name__)


@app.get("/hello/<name>")
def hello(name):
    # Return the greeting here.
    return "TODO"


# Add a view for /square/<number> below.
