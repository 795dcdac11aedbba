import secrets
import tempfile
from pathlib import Path, PurePosixPath

from flask import Flask, jsonify, request, send_from_directory
from werkzeug.exceptions import BadRequest, HTTPException, NotFound

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = str(Path(DATA_FOLDER) / "uploads")
Path(app.config["UPLOAD_FOLDER"]).mkdir()

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}


@app.errorhandler(HTTPException)
def as_json(error):
    return jsonify(error=error.description), error.code


def checked_extension(upload):
    name = PurePosixPath(upload.filename or "")  # the client's name: only its suffix is used, never stored
    extension = name.suffix.lower().removeprefix(".") if name.stem else ""
    if extension not in SIGNATURES:
        raise BadRequest("Only .png, .jpg, .jpeg and .pdf files are accepted.")
    expected = SIGNATURES[extension]
    start = upload.stream.tell()
    first = upload.stream.read(len(expected))
    upload.stream.seek(start)
    if first != expected:
        raise BadRequest("The file does not look like its extension says.")
    return extension


@app.route("/uploads", methods=["POST"])
def upload():
    request.max_content_length = 1024 * 1024  # Flask 3.1: a limit for this view only
    upload = request.files.get("file")
    if not upload or upload.filename == "":
        raise BadRequest("No file was sent.")
    extension = checked_extension(upload)
    name = f"{secrets.token_urlsafe(18)}.{extension}"
    upload.save(Path(app.config["UPLOAD_FOLDER"]) / name)
    return jsonify(name=name), 201


@app.route("/uploads/<path:name>")
def download(name):
    try:
        return send_from_directory(app.config["UPLOAD_FOLDER"], name, as_attachment=True)
    except NotFound:
        return jsonify(error="No such file."), 404
