import os
import secrets
import tempfile

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])

app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # bigger requests get 413

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
    extension = extension_of(file.filename)
    if extension not in SIGNATURES:
        abort(400, "Only .png, .jpg, .jpeg and .pdf files are accepted.")
    content = file.stream.read(app.config["MAX_CONTENT_LENGTH"])  # never more than the limit
    if not content.startswith(SIGNATURES[extension]):
        abort(400, f"The file's content is not a .{extension} file.")
    name = f"{secrets.token_hex(16)}.{extension}"
    with open(os.path.join(app.config["UPLOAD_FOLDER"], name), "wb") as out:
        out.write(content)
    return {"name": name}, 201


@app.get("/uploads/<name>")
def download(name):
    return send_from_directory(app.config["UPLOAD_FOLDER"], name, as_attachment=True)
