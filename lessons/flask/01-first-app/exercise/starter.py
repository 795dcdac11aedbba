from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Welcome to the Tea Shop!"


# Add GET /menu here.


# Add GET /hello/<name> here.
