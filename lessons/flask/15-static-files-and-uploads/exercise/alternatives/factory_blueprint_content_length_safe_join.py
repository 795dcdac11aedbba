import os
import tempfile
import uuid

from flask import Blueprint, Flask, abort, current_app, request, send_file
from werkzeug.security import safe_join

LIMIT = 1024 * 1024

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}

files = Blueprint("files", __name__, url_prefix="/uploads")


@files.before_request
def refuse_big_requests():
    # The same test MAX_CONTENT_LENGTH makes, done by hand before anything reads the body.
    if request.content_length is not None and request.content_length > LIMIT:
        abort(413)


@files.post("")
def upload():
    if "file" not in request.files:
        abort(400)
    file = request.files["file"]
    stem, extension = os.path.splitext(file.filename or "")
    extension = extension[1:].lower()
    if not stem or extension not in SIGNATURES:
        abort(400)
    signature = SIGNATURES[extension]
    if file.stream.read(len(signature)) != signature:
        abort(400)
    file.stream.seek(0)
    name = uuid.uuid4().hex + "." + extension
    file.save(os.path.join(current_app.config["UPLOAD_FOLDER"], name))
    return {"name": name}, 201


@files.get("/<path:name>")
def download(name):
    path = safe_join(current_app.config["UPLOAD_FOLDER"], name)
    if path is None or not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)


def create_app():
    app = Flask(__name__)
    # Given: a new, empty data folder for every run, with the upload folder inside it.
    data_folder = tempfile.mkdtemp(prefix="data-")
    app.config["UPLOAD_FOLDER"] = os.path.join(data_folder, "uploads")
    os.makedirs(app.config["UPLOAD_FOLDER"])
    app.register_blueprint(files)
    return app


app = create_app()
