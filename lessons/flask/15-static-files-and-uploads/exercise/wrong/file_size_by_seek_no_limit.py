import os
import secrets
import tempfile

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])

LIMIT = 1024 * 1024

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}


def extension_of(filename):
    """The part after the last dot, lower-cased; "" when there is none."""
    stem, dot, extension = filename.rpartition(".")
    return extension.lower() if dot and stem else ""


@app.post("/uploads")
def upload():
    file = request.files.get("file")
    if file is None or not file.filename:
        abort(400, "Send the file in a form field called file.")
    file.stream.seek(0, os.SEEK_END)  # measure the file without reading it
    size = file.stream.tell()
    file.stream.seek(0)
    if size > LIMIT:
        abort(413)
    extension = extension_of(file.filename)
    if extension not in SIGNATURES:
        abort(400, "Only .png, .jpg, .jpeg and .pdf files are accepted.")
    head = file.stream.read(len(SIGNATURES[extension]))
    file.stream.seek(0)
    if head != SIGNATURES[extension]:
        abort(400, f"The file's content is not a .{extension} file.")
    name = f"{secrets.token_hex(16)}.{extension}"
    file.save(os.path.join(app.config["UPLOAD_FOLDER"], name))
    return {"name": name}, 201


@app.get("/uploads/<name>")
def download(name):
    return send_from_directory(app.config["UPLOAD_FOLDER"], name, as_attachment=True)
