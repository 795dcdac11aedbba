# The rules end in a slash, so GET /menu answers with a 308 redirect instead of the menu.
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Welcome to the Tea Shop!"


@app.get("/menu/")
def menu():
    return "Green, Black, Oolong"


@app.get("/hello/<name>/")
def hello(name):
    return f"Hello, {name}!"
