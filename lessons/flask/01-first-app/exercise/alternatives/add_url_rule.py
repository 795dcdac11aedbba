# Views registered with app.add_url_rule, methods spelled out, and a plain-text Response object.
from flask import Flask, Response

app = Flask(__name__)


def home():
    return "Welcome to the Tea Shop!"


def menu():
    return Response("Green, Black, Oolong", mimetype="text/plain")


def hello(name):
    return "Hello, {}!".format(name)


app.add_url_rule("/", view_func=home, methods=["GET"])
app.add_url_rule("/menu", view_func=menu, methods=["GET"])
app.add_url_rule("/hello/<name>", view_func=hello, methods=["GET"])
