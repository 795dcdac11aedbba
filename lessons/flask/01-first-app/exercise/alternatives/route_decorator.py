# @app.route without methods= answers GET only (plus HEAD and OPTIONS); the menu is built from a list.
from flask import Flask

app = Flask(__name__)
TEAS = ["Green", "Black", "Oolong"]


@app.route("/")
def home():
    return "Welcome to the Tea Shop!"


@app.route("/menu")
def menu():
    return ", ".join(TEAS)


@app.route("/hello/<string:name>")
def hello(name):
    return "Hello, " + name + "!"
