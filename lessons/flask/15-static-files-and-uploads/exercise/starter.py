import os
import tempfile

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])

# TODO: refuse any request bigger than 1 MB with 413

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}


@app.post("/uploads")
def upload():
    file = request.files["file"]
    # TODO: accept only .png, .jpg, .jpeg and .pdf names whose first bytes match the extension
    # (400 otherwise), and store the file under a random name of our own, never the client's.
    file.save(os.path.join(app.config["UPLOAD_FOLDER"], file.filename))
    return {"name": file.filename}, 201


# TODO: GET /uploads/<name> sends a stored file back as a download (attachment); 404 for
# anything else, including names that try to leave the upload folder.
