# Forgets the f prefix, so every visitor is greeted with the literal text "Hello, {name}!".
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Welcome to the Tea Shop!"


@app.get("/menu")
def menu():
    return "Green, Black, Oolong"


@app.get("/hello/<name>")
def hello(name):
    return "Hello, {name}!"
