"""Checks for the avatar and document upload endpoint (allow-list, content, size limit, random names, downloads).

Everything but the last check goes over HTTP: the checks build a multipart/form-data body by hand (the
check client sends raw bytes), as a browser does for a form with enctype="multipart/form-data". File
names, contents, extensions and sizes are new every run, and stored names come from the responses, so
nothing depends on what other checks stored. The last check reads main.py as text (without running it):
whether an upload is read whole into memory cannot be seen over HTTP.
"""

import ast
import os
import secrets

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_word, shuffled, syntax_tree

LIMIT = 1024 * 1024
SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "pdf": b"%PDF-",
}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "pdf": "application/pdf"}


def multipart(files, fields=None):
    """A multipart/form-data body: (bytes, its Content-Type with the boundary)."""
    boundary = f"crossroads{secrets.token_hex(8)}"
    parts = []
    for name, value in (fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n")
        parts.append(head.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post_file(client, filename, content, content_type, field="file"):
    body, form_type = multipart({field: (filename, content, content_type)})
    return client.post("/uploads", data=body, headers={"Content-Type": form_type})


def fresh_stem():
    return f"{fresh_word()}-{fresh_word()}"


def fresh_content(extension, size=None):
    """Bytes that start as a real file of this type does; exactly size bytes when size is given."""
    filler = " ".join(fresh_word() for _ in range(fresh_int(20, 200))).encode()
    start = SIGNATURES.get(extension, b"")
    if size is None:
        return start + filler
    return (start + filler * (size // len(filler) + 1))[:size]


def mixed_case(extension):
    """The extension as a client may write it: png, PNG or Png."""
    return shuffled([extension, extension.upper(), extension.capitalize()])[0]


def describe(filename, content, content_type):
    return f"An upload of {filename!r} ({len(content):,} bytes, sent as {content_type})"


def accepted(client, filename, content, content_type, note=""):
    """Uploads a file that must be accepted; returns the stored name from the 201 answer."""
    what = describe(filename, content, content_type)
    response = post_file(client, filename, content, content_type)
    expect(response.status != 413, f"{what} was refused with 413, but it is under the 1 MB limit",
           expected='status 201 with {"name": "<stored name>"}', response=response)
    expect(response.status != 400, f"{what} was refused, but it must be accepted: its extension is allowed (in any case) and "
           "its first bytes match the extension. Decide by the name's extension and the file's first bytes, never by the "
           "Content-Type the client claims" + note, expected='status 201 with {"name": "<stored name>"}', response=response)
    expect(response.status != 500, f"{what} crashed the app (500): look at the error it printed. Save the file in "
           "app.config[\"UPLOAD_FOLDER\"] (another folder, such as static/, may not exist or may not be writable) and answer "
           "with a dict and 201", expected='status 201 with {"name": "<stored name>"}', response=response)
    expect_status(response, 201)
    body = expect_json(response)
    name = body.get("name")
    expect(isinstance(name, str) and name, f'The 201 answer to {what} has the stored file name under "name"',
           expected='{"name": "<random>.<extension>"}', actual=body)
    return name


def download(client, name, content, what):
    """GET /uploads/<name> answers the uploaded bytes as an attachment."""
    response = client.get(f"/uploads/{name}")
    expect(response.status == 200, f"GET /uploads/{name} answers the file stored for {what}", expected="status 200",
           response=response)
    if response.body != content and response.body == content[len(response.body) - len(content):]:
        expect(False, f"GET /uploads/{name} is missing the first {len(content) - len(response.body)} bytes of the upload. "
               "After reading the first bytes to check them, rewind the file with file.stream.seek(0) before saving it",
               expected=f"{len(content):,} bytes", actual=f"{len(response.body):,} bytes")
    expect(response.body == content, f"GET /uploads/{name} answers exactly the bytes that were uploaded ({what})",
           expected=f"{len(content):,} bytes", actual=f"{len(response.body):,} bytes")
    return response


def check_upload_stores_a_random_name(client):
    """POST /uploads answers 201 with a stored name made of random characters and the extension, never the client's name"""
    stem = fresh_stem()
    extension = shuffled(["png", "pdf"])[0]
    filename = f"{stem}.{mixed_case(extension)}"
    content = fresh_content(extension)
    name = accepted(client, filename, content, CONTENT_TYPES[extension])
    expect(all(word not in name.lower() for word in stem.split("-")),
           f"The stored name {name!r} is made from the name the client sent ({filename!r}). The client chooses that name: "
           "secure_filename() only cleans it, so two uploads of report.pdf overwrite each other and the name can tell who "
           "uploaded what. Store the file under a name you generate: secrets.token_hex(16) or uuid.uuid4().hex, plus the "
           "extension", expected=f"<random>.{extension}", actual=name)
    expect(name.endswith(f".{extension}"), f"The stored name ends with the file's extension in lower case (.{extension} for "
           f"{filename!r})", expected=f"<random>.{extension}", actual=name)
    random_part = name[: -len(f".{extension}")]
    expect(len(random_part) >= 16 and all(c.isalnum() or c in "-_" for c in random_part),
           "The stored name is at least 16 random letters or digits, then the extension (secrets.token_hex(16) gives 32)",
           expected=f"<random>.{extension}", actual=name)
    # The same file sent again: a name worked out from the name or the content would come out the same.
    again = accepted(client, filename, content, CONTENT_TYPES[extension])
    expect(again != name, f"The same file {filename!r}, uploaded twice, was stored as {name!r} both times, so the second "
           "upload overwrote the first. A name worked out from the client's name or from the file's content (or a hash of "
           "either) is the same for every upload of that file: draw it at random with secrets.token_hex(16) or "
           "uuid.uuid4().hex", expected="a new name", actual=again)
    first, second = name.rsplit(".", 1)[0], again.rsplit(".", 1)[0]
    shared = max(len(os.path.commonprefix([first, second])), len(os.path.commonprefix([first[::-1], second[::-1]])))
    expect(shared < 12,
           f"Two uploads of the same file {filename!r} were stored as {name!r} and {again!r}: the names share "
           f"{shared} characters at their start or end, so they are worked out from something the same for both (the "
           "client's name, a hash of it, the time, the machine as in uuid.uuid1()), not drawn at random, and another client "
           "can guess them. Use secrets.token_hex(16) or uuid.uuid4().hex",
           expected="two unrelated random names", actual=[name, again])
    static = client.get(f"/static/{name}")
    expect(static.status == 404,
           f"GET /static/{name} answered {static.status}: the upload is served from the static folder. Everything in static/ "
           "is public and served inline by the web server in production; keep uploads in app.config[\"UPLOAD_FOLDER\"], "
           "outside static/", expected="status 404", response=static)


def check_download_is_an_attachment(client):
    """GET /uploads/<stored name> answers the uploaded bytes with Content-Disposition: attachment"""
    extension = shuffled(list(SIGNATURES))[0]
    filename = f"{fresh_stem()}.{extension}"
    content = fresh_content(extension)
    what = describe(filename, content, CONTENT_TYPES[extension])
    name = accepted(client, filename, content, CONTENT_TYPES[extension])
    response = download(client, name, content, what)
    disposition = response.headers.get("Content-Disposition", "")
    expect(disposition.lower().startswith("attachment"),
           f"GET /uploads/{name} answered Content-Disposition: {disposition or '(none)'}. A file shown inline opens in the "
           "browser on your site's origin, where an uploaded HTML or SVG file would run its scripts with your visitors' "
           "cookies. Send it as a download: send_from_directory(folder, name, as_attachment=True)",
           expected="Content-Disposition: attachment; filename=...", actual=f"Content-Disposition: {disposition or '(none)'}")


def check_every_allowed_type(client):
    """.png, .jpg, .jpeg and .pdf files are accepted in any case of the extension and in any script, whatever Content-Type the client sends"""
    extensions = shuffled(list(SIGNATURES))
    # One name has no Latin letters, as many visitors' names do: secure_filename() would drop its stem and its dot.
    words = shuffled(["фото", "паспорт", "写真", "照片", "صورة", "φωτογραφία", "תמונה", "사진"])
    for extension in extensions:
        stem = f"{words[0]} {words[1]}" if extension == extensions[0] else fresh_stem()
        filename = f"{stem}.{mixed_case(extension)}"
        content = fresh_content(extension)
        content_type = shuffled(["application/octet-stream", "text/plain", CONTENT_TYPES[extension]])[0]
        note = (f". Its name has no Latin letters: secure_filename() turns it into {filename.rsplit('.', 1)[1]!r}, without the dot, "
                "so take the extension from file.filename itself" if extension == extensions[0] else "")
        name = accepted(client, filename, content, content_type, note)
        expect(name.endswith(f".{extension}"), f"The stored name of {filename!r} ends with .{extension}",
               expected=f"<random>.{extension}", actual=name)
        download(client, name, content, describe(filename, content, content_type))


CLAIMED_TYPE = ("The Content-Type of an uploaded file is whatever the client says, so it proves nothing: decide by the "
                "file name's extension")
WHOLE_EXTENSION = ("Compare the whole extension, the part after the last dot, in lower case: "
                   "filename.rsplit(\".\", 1)[1].lower() in ALLOWED")


def check_other_names_are_refused(client):
    """Names without an allowed extension are refused with 400, whatever their Content-Type or first bytes say"""
    allowed = shuffled(list(SIGNATURES))
    markup = shuffled(["html", "htm", "svg", "xhtml"])[0]
    program = shuffled(["exe", "php", "js", "sh"])[0]
    cases = shuffled([
        (f"{fresh_stem()}.{markup}", fresh_content(allowed[0]), CONTENT_TYPES[allowed[0]],
         f"a .{markup} page sent as {CONTENT_TYPES[allowed[0]]}, starting with a .{allowed[0]} file's bytes. {CLAIMED_TYPE}"),
        (f"{fresh_stem()}.{allowed[1]}.{program}", fresh_content(allowed[1]), CONTENT_TYPES[allowed[1]],
         f"a .{program} file whose name contains .{allowed[1]}. {WHOLE_EXTENSION}"),
        (f"{fresh_word()}{allowed[2]}", fresh_content(allowed[2]), CONTENT_TYPES[allowed[2]],
         f"a name that ends in {allowed[2]} without a dot. {WHOLE_EXTENSION}"),
        (fresh_word(), fresh_content(allowed[3]), CONTENT_TYPES[allowed[3]], f"a name without an extension. {WHOLE_EXTENSION}"),
    ])
    for filename, content, content_type, why in cases:
        response = post_file(client, filename, content, content_type)
        expect(response.status != 201, f"{filename!r} was accepted: {why}", expected="status 400", response=response)
        expect(response.status == 400, f"{describe(filename, content, content_type)} is refused with 400 (abort(400))",
               expected="status 400", response=response)


def check_content_must_match_extension(client):
    """A file whose first bytes do not match its extension is refused with 400, for every allowed extension (an HTML page named .png, a PNG named .pdf)"""
    image = shuffled(["png", "jpg", "jpeg"])[0]
    # The page carries the signature further on, as a file can: only the start of a file says what it is.
    page = (f"<!doctype html><script>alert('{fresh_word()}')</script><!-- ".encode() + SIGNATURES[image]
            + f" {fresh_word()} -->".encode())
    cases = [(f"{fresh_stem()}.{image}", page, CONTENT_TYPES[image], "an HTML page renamed")]
    # Every other allowed extension gets the bytes of a file of another type.
    for extension in (e for e in SIGNATURES if e != image):
        other = shuffled([e for e in ("png", "jpg", "pdf") if SIGNATURES[e] != SIGNATURES[extension]])[0]
        cases.append((f"{fresh_stem()}.{mixed_case(extension)}", fresh_content(other), CONTENT_TYPES[extension],
                      f"a .{other} file renamed"))
    cases = shuffled(cases)
    for filename, content, content_type, what in cases:
        response = post_file(client, filename, content, content_type)
        expect(response.status != 201,
               f"{filename!r} ({what}) was accepted. The extension is only a name the client chose: check that the file "
               "starts with the bytes every file of that type starts with (SIGNATURES), reading only those first bytes "
               "with file.stream.read(n), comparing them with ==, and rewinding with file.stream.seek(0)",
               expected="status 400", response=response)
        expect(response.status == 400, f"{describe(filename, content, content_type)} ({what}) is refused with 400",
               expected="status 400", response=response)


def check_size_limit_answers_413(client):
    """A request over 1 MB is refused with 413 Content Too Large; a file under the limit is accepted"""
    extension = shuffled(list(SIGNATURES))[0]
    filename = f"{fresh_stem()}.{extension}"
    for size in shuffled([LIMIT + 1, LIMIT + fresh_int(2, 400_000)]):
        content = fresh_content(extension, size)
        response = post_file(client, filename, content, CONTENT_TYPES[extension])
        expect(response.status != 201,
               f"{describe(filename, content, CONTENT_TYPES[extension])} was accepted. The limit is 1 MB for the whole "
               "request, multipart headers included, and Flask has no limit until you set one: set "
               "app.config[\"MAX_CONTENT_LENGTH\"] = 1024 * 1024 (exactly; no room added) and Flask refuses bigger "
               "requests with 413 as soon as your view reads request.files", expected="status 413", response=response)
        expect(response.status == 413,
               f"{describe(filename, content, CONTENT_TYPES[extension])} answered {response.status}. Too big is its own "
               "status, 413 Content Too Large, and MAX_CONTENT_LENGTH gives it to you: set "
               "app.config[\"MAX_CONTENT_LENGTH\"] = 1024 * 1024", expected="status 413", response=response)
    # A file under the limit with a second file part that takes the request over it.
    content = fresh_content(extension, LIMIT // 2 + fresh_int(1, 100_000))
    other = shuffled(list(SIGNATURES))[0]
    extra = fresh_content(other, LIMIT // 2 + fresh_int(1, 100_000))
    body, form_type = multipart({"file": (filename, content, CONTENT_TYPES[extension]),
                                 "extra": (f"{fresh_stem()}.{other}", extra, CONTENT_TYPES[other])})
    response = client.post("/uploads", data=body, headers={"Content-Type": form_type})
    expect(response.status == 413,
           f"A request of {len(body):,} bytes, whose file {filename!r} is {len(content):,} bytes and a second file part "
           f"{len(extra):,} bytes, answered {response.status}. The limit is for the whole request, not for one file: "
           "measuring the file after Flask has received everything is too late. Set app.config[\"MAX_CONTENT_LENGTH\"] = "
           "1024 * 1024, which compares the request's Content-Length with the limit before the body is parsed",
           expected="status 413", response=response)
    content = fresh_content(extension, LIMIT - fresh_int(4_096, 200_000))
    name = accepted(client, filename, content, CONTENT_TYPES[extension])
    download(client, name, content, describe(filename, content, CONTENT_TYPES[extension]))


def check_missing_file_is_400(client):
    """A POST without a file, or with a file input left empty, answers 400"""
    body, form_type = multipart({}, {"title": fresh_word()})
    response = client.post("/uploads", data=body, headers={"Content-Type": form_type})
    expect(response.status == 400, "A POST /uploads without a file part is refused with 400", expected="status 400",
           response=response)
    response = post_file(client, "", b"", "application/octet-stream")
    expect(response.status == 400, "A POST /uploads whose file input was left empty (a browser sends filename=\"\" and no "
           "bytes) is refused with 400: check file.filename before using it", expected="status 400", response=response)


def check_download_serves_only_stored_files(client):
    """GET /uploads/<name> answers 404 for an unknown name and for paths that try to leave the upload folder"""
    extension = shuffled(list(SIGNATURES))[0]
    content = fresh_content(extension)
    name = accepted(client, f"{fresh_stem()}.{extension}", content, CONTENT_TYPES[extension])
    unknown = f"{secrets.token_hex(16)}.{extension}"
    attempts = [
        (unknown, "a name that was never stored"),
        (f"../uploads/{name}", "a path that leaves the upload folder with ../ (here it comes back to a stored file; "
         "it could as well reach your code or your database)"),
        ("..", "the folder above the upload folder"),
        ("main.py", "your own code: it must not be in the upload folder, so keep the given app.config[\"UPLOAD_FOLDER\"]"),
    ]
    for target, what in shuffled(attempts):
        response = client.get(f"/uploads/{target}")
        expect(response.status == 404,
               f"GET /uploads/{target} ({what}) answered {response.status}. Serve uploads with "
               "send_from_directory(app.config[\"UPLOAD_FOLDER\"], name, as_attachment=True): it answers 404 for a name "
               "that is not a file inside that folder. os.path.join() with the client's path does not protect you",
               expected="status 404", response=response)


# ---- Read from your main.py: whether an upload is read whole (HTTP cannot tell) ----

WHOLE_READS = {"read", "readlines", "getvalue"}
# A read of this many bytes or more is no look at the first bytes: it takes in (nearly) the whole file.
BIG_READ = 64 * 1024


def root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def mentions_upload(node):
    """Whether an expression reads request.files or request.stream."""
    return any(isinstance(n, ast.Attribute) and n.attr in ("files", "stream") and root_name(n) == "request"
               for n in ast.walk(node))


def upload_names(function):
    """Names in a function bound (directly or through other such names) to an upload."""
    names = set()
    changed = True
    while changed:
        changed = False
        for node in ast.walk(function):
            targets, value = [], None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                targets, value = [node.target], node.value
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets, value = [node.target], node.iter
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                targets, value = [node.optional_vars], node.context_expr
            if value is None or not (mentions_upload(value) or any(
                    isinstance(n, ast.Name) and n.id in names for n in ast.walk(value))):
                continue
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id not in names:
                        names.add(name.id)
                        changed = True
    return names


def passed_uploads(tree):
    """Parameters of module functions that are called with an upload as an argument (a helper that checks the file)."""
    functions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    found = {}
    for caller in functions.values():
        names = upload_names(caller)
        for call in ast.walk(caller):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions:
                params = [a.arg for a in functions[call.func.id].args.args]
                for index, argument in enumerate(call.args[: len(params)]):
                    if root_name(argument) in names or mentions_upload(argument):
                        found.setdefault(call.func.id, set()).add(params[index])
    return found


def module_numbers(tree):
    """Module-level names bound to a number this module can work out (LIMIT = 1024 * 1024)."""
    numbers = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = size_of(node.value, numbers)
            if value is not None:
                numbers[node.targets[0].id] = value
    return numbers


def size_of(node, numbers):
    """How many bytes an argument of read() asks for, when the code says it plainly; None when it cannot be told."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        return numbers.get(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = size_of(node.operand, numbers)
        return -value if value is not None else None  # read(-1) reads everything
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "MAX_CONTENT_LENGTH":
        return BIG_READ  # the size limit itself: as much as any accepted upload
    if isinstance(node, ast.Attribute) and node.attr in ("max_content_length", "content_length"):
        return BIG_READ
    if isinstance(node, ast.BinOp):
        left, right = size_of(node.left, numbers), size_of(node.right, numbers)
        if left is None or right is None:
            return None
        operations = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
                      ast.LShift: lambda a, b: a << min(b, 64), ast.Pow: lambda a, b: a ** min(b, 64),
                      ast.FloorDiv: lambda a, b: a // b if b else None}
        operation = operations.get(type(node.op))
        return operation(left, right) if operation else None
    return None


def whole_upload(node, names):
    """Whether an expression is an upload itself (a name bound to one, or a .stream), not something read from it."""
    if isinstance(node, ast.Name):
        return node.id in names
    return isinstance(node, ast.Attribute) and node.attr == "stream" and (root_name(node) in names or mentions_upload(node))


def whole_reads(tree):
    """(line, text) of each place that reads a whole upload (or most of it) or the whole request body."""
    helpers = passed_uploads(tree)
    numbers = module_numbers(tree)
    found = []
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        names = upload_names(function) | helpers.get(function.name, set())
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                receiver = node.func.value
                unbounded = not node.args or (isinstance(node.args[0], ast.Constant) and node.args[0].value in (None, -1))
                if node.args and not unbounded and node.func.attr == "read":
                    size = size_of(node.args[0], numbers)
                    unbounded = size is not None and (size >= BIG_READ or size < 0)
                if node.func.attr in WHOLE_READS and unbounded and (root_name(receiver) in names or mentions_upload(receiver)):
                    found.append((node.lineno, ast.unparse(node)))
                if node.func.attr == "get_data" and root_name(receiver) == "request":
                    found.append((node.lineno, ast.unparse(node)))
            # The same without a read() call: b"".join(stream), bytes(stream), getattr(stream, "read")()
            if isinstance(node, ast.Call) and node.args and whole_upload(node.args[0], names):
                joined = isinstance(node.func, ast.Attribute) and node.func.attr == "join"
                copied = isinstance(node.func, ast.Name) and node.func.id in ("bytes", "bytearray")
                if joined or copied:
                    found.append((node.lineno, ast.unparse(node)))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                    and node.args[1].value in WHOLE_READS and (root_name(node.args[0]) in names or mentions_upload(node.args[0])):
                found.append((node.lineno, ast.unparse(node)))
            if isinstance(node, ast.Attribute) and node.attr == "data" and isinstance(node.value, ast.Name) \
                    and node.value.id == "request":
                found.append((node.lineno, ast.unparse(node)))
    return sorted(set(found))


def check_upload_not_read_whole(client):
    """The upload is checked without reading the whole file into memory (read from your code)"""
    reads = whole_reads(syntax_tree())
    expect(not reads,
           f"Line {reads[0][0] if reads else 0}: {reads[0][1] if reads else ''} reads the whole upload (or as much as the size limit lets in) into memory. Werkzeug "
           "keeps big uploads in a temporary file so that you do not have to hold them: let MAX_CONTENT_LENGTH refuse big "
           "requests, read only the first bytes you need to check (file.stream.read(8)), then rewind (file.stream.seek(0)) "
           "and let file.save() copy the file in chunks",
           expected="a bounded read of the first bytes, then file.save()",
           actual=[f"line {line}: {text}" for line, text in reads])
