# Answers the right text, but both pages also accept POST, so a POST /menu is not refused with 405.
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Welcome to the Tea Shop!"


@app.route("/menu", methods=["GET", "POST"])
def menu():
    return "Green, Black, Oolong"


@app.route("/hello/<name>", methods=["GET", "POST"])
def hello(name):
    return f"Hello, {name}!"
