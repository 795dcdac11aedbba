import os
import secrets
import tempfile
from pathlib import PurePath

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])

MAX_UPLOAD = 1024 * 1024

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}


@app.before_request
def limit_uploads():
    if request.method == "POST":
        request.max_content_length = MAX_UPLOAD  # Flask 3.1: per request, checked when the body is read


@app.post("/uploads")
def upload():
    sent = request.files.getlist("file")
    if len(sent) != 1 or not sent[0].filename:
        abort(400)
    file = sent[0]
    suffix = PurePath(file.filename).suffix.lower().removeprefix(".")
    if not PurePath(file.filename).stem or suffix not in SIGNATURES:
        abort(400)
    start = file.stream.read(len(SIGNATURES[suffix]))
    if start != SIGNATURES[suffix]:
        abort(400)
    file.stream.seek(0)
    stored = f"{secrets.token_urlsafe(24)}.{suffix}"
    file.save(os.path.join(app.config["UPLOAD_FOLDER"], stored))
    return {"name": stored}, 201


@app.get("/uploads/<path:stored>")
def download(stored):
    return send_from_directory(app.config["UPLOAD_FOLDER"], stored, as_attachment=True)
