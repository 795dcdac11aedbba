# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. Samples run in an empty folder, so this writes there what the lesson builds:
# app.py (the upload app, the same text as in lesson.md) and the stylesheet static/css/site.css.
# Everything is inside a function so no name leaks into the sample.


def _write_project():
    from pathlib import Path

    files = {
        "app.py": r'''import os
import secrets

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")  # outside static/
app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024  # 2 MB: bigger requests get 413
os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)

# What the first bytes of each allowed type look like.
SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@app.post("/avatars")
def upload_avatar():
    file = request.files.get("avatar")
    if file is None or file.filename == "":
        abort(400, "Choose a file to upload.")
    stem, dot, extension = file.filename.rpartition(".")
    extension = extension.lower()
    if not dot or not stem or extension not in SIGNATURES:
        abort(400, "Only .png and .pdf files are accepted.")
    signature = SIGNATURES[extension]
    if file.stream.read(len(signature)) != signature:
        abort(400, f"This file is not a real .{extension} file.")
    file.stream.seek(0)  # rewind, or save() would skip the bytes just read
    name = f"{secrets.token_hex(16)}.{extension}"
    file.save(os.path.join(app.config["UPLOAD_FOLDER"], name))
    return {"name": name}, 201


@app.get("/avatars/<name>")
def download_avatar(name):
    return send_from_directory(app.config["UPLOAD_FOLDER"], name, as_attachment=True)
''',
        "static/css/site.css": "body { font-family: system-ui, sans-serif; }\n",
    }
    for name, text in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")


_write_project()
del _write_project
