import os
import tempfile
import uuid

from flask import Flask, abort, request, send_from_directory
from flask.views import MethodView

app = Flask(__name__)
# Given: a new, empty data folder for every run, with the upload folder inside it.
DATA_FOLDER = tempfile.mkdtemp(prefix="data-")
app.config["UPLOAD_FOLDER"] = os.path.join(DATA_FOLDER, "uploads")
os.makedirs(app.config["UPLOAD_FOLDER"])
app.config.update(MAX_CONTENT_LENGTH=1 << 20)

# The first bytes every file of each allowed type starts with.
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}
ALLOWED = frozenset(SIGNATURES)


class UploadAPI(MethodView):
    def post(self):
        file = request.files.get("file")
        if file is None or "." not in file.filename:
            abort(400)
        stem, extension = file.filename.rsplit(".", 1)
        extension = extension.lower()
        if not stem or extension not in ALLOWED:
            abort(400)
        head = file.read(8)  # FileStorage passes read() and seek() to its stream
        file.seek(0)
        if not head.startswith(SIGNATURES[extension]):
            abort(400)
        stored = "{}.{}".format(uuid.uuid4().hex, extension)
        file.save(os.path.join(app.config["UPLOAD_FOLDER"], stored))
        return {"name": stored}, 201


class DownloadAPI(MethodView):
    def get(self, name):
        return send_from_directory(app.config["UPLOAD_FOLDER"], name, as_attachment=True)


app.add_url_rule("/uploads", view_func=UploadAPI.as_view("upload"))
app.add_url_rule("/uploads/<path:name>", view_func=DownloadAPI.as_view("download"))
