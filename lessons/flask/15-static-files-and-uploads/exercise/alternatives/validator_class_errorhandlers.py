import os
import tempfile
from dataclasses import dataclass

from flask import Flask, abort, request, send_from_directory
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])
app.config["MAX_CONTENT_LENGTH"] = 2**20

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}
LONGEST = max(len(signature) for signature in SIGNATURES.values())


class Refused(Exception):
    """An upload we do not accept; the message is shown to the client."""


@dataclass
class CheckedUpload:
    file: FileStorage
    extension: str

    @classmethod
    def from_request(cls, field):
        file = request.files.get(field)
        if file is None or file.filename in (None, ""):
            raise Refused("No file in the form.")
        _, _, extension = file.filename.rpartition(".")
        extension = extension.lower()
        if "." not in file.filename or file.filename.startswith(".") or extension not in SIGNATURES:
            raise Refused("Allowed: .png, .jpg, .jpeg, .pdf")
        head = file.stream.read(LONGEST)
        file.stream.seek(0)
        if not head.startswith(SIGNATURES[extension]):
            raise Refused("The content is not what the extension says.")
        return cls(file, extension)

    def store(self, folder):
        name = os.urandom(16).hex() + "." + self.extension
        self.file.save(os.path.join(folder, name))
        return name


@app.errorhandler(Refused)
def refused(error):
    return {"error": str(error)}, 400


@app.errorhandler(RequestEntityTooLarge)
def too_large(error):
    return {"error": "Files can be at most 1 MB."}, 413


@app.post("/uploads")
def upload():
    checked = CheckedUpload.from_request("file")
    return {"name": checked.store(app.config["UPLOAD_FOLDER"])}, 201


@app.get("/uploads/<name>")
def download(name):
    return send_from_directory(app.config["UPLOAD_FOLDER"], name, as_attachment=True)
