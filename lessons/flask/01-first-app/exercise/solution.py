from flask import Flask

app = Flask(__name__)


@app.get("/hello/<name>")
def hello(name):
    return f"Hello, {name}!"


@app.get("/square/<int:number>")
def square(number):
    return {"number": number, "square": number * number}
