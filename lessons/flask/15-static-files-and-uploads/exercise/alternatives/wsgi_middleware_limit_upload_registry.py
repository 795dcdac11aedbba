import os
import secrets
import tempfile

from flask import Flask, abort, jsonify, request, send_file

LIMIT = 1024 * 1024


class RefuseLargeBodies:
    """WSGI middleware: answers 413 before Flask runs when Content-Length is over the limit."""

    def __init__(self, wsgi_app, limit):
        self.wsgi_app = wsgi_app
        self.limit = limit

    def __call__(self, environ, start_response):
        length = environ.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > self.limit:
            start_response("413 Content Too Large", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The upload is larger than 1 MB.\n"]
        return self.wsgi_app(environ, start_response)


app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])
app.wsgi_app = RefuseLargeBodies(app.wsgi_app, LIMIT)

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}
ALLOWED_ENDINGS = tuple(f".{extension}" for extension in SIGNATURES)

# What a real app keeps in its database: stored name -> path on disk (and, there, who uploaded it).
STORED = {}


@app.post("/uploads")
def upload():
    file = request.files.get("file")
    if not file:  # a FileStorage is false when its filename is empty
        return jsonify(error="Send a file in the field 'file'."), 400
    original = file.filename
    if not original.lower().endswith(ALLOWED_ENDINGS) or original.startswith("."):
        return jsonify(error="Only .png, .jpg, .jpeg and .pdf files are accepted."), 400
    extension = original.rsplit(".", 1)[1].lower()
    signature = SIGNATURES[extension]
    position = file.tell()
    matches = file.read(len(signature)) == signature
    file.seek(position)
    if not matches:
        return jsonify(error="The content does not match the extension."), 400
    name = secrets.token_hex(10) + "." + extension
    path = os.path.join(app.config["UPLOAD_FOLDER"], name)
    file.save(path)
    STORED[name] = path
    return jsonify(name=name), 201


@app.get("/uploads/<path:name>")
def download(name):
    path = STORED.get(name)
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)
