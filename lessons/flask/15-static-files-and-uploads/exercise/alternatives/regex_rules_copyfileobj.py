import os
import re
import shutil
import tempfile
import uuid

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])
app.config.from_mapping(MAX_CONTENT_LENGTH=1_048_576)

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}
# A stem, a dot, then one allowed extension at the very end; any case.
ALLOWED_NAME = re.compile(r".+\.(png|jpe?g|pdf)", re.IGNORECASE | re.DOTALL)
# What our own stored names look like: nothing else is ever looked up on disk.
STORED_NAME = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpe?g|pdf)")


@app.route("/uploads", methods=["POST"])
def upload():
    if "file" not in request.files or not request.files["file"].filename:
        abort(400, description="No file was chosen.")
    upload = request.files["file"]
    match = ALLOWED_NAME.fullmatch(upload.filename)
    if match is None:
        abort(400, description="That kind of file is not accepted.")
    extension = match.group(1).lower()
    expected = SIGNATURES[extension]
    if upload.stream.read(len(expected)) != expected:
        abort(400, description="The file does not start like a .%s file." % extension)
    upload.stream.seek(0)
    name = "%s.%s" % (uuid.uuid4(), extension)
    with open(os.path.join(app.config["UPLOAD_FOLDER"], name), "xb") as target:
        shutil.copyfileobj(upload.stream, target)
    return {"name": name}, 201


@app.route("/uploads/<filename>")
def download(filename):
    if not STORED_NAME.fullmatch(filename):
        abort(404)
    return send_from_directory(app.config["UPLOAD_FOLDER"], filename, as_attachment=True)
