"""Checks for the document upload page (FileField, validation, safe names and downloads).

Everything but the last check goes over HTTP, as a browser would: load the upload page (which sets the
CSRF cookie), then post a multipart/form-data body with the page's CSRF token and a file. The body is
built here by hand, since the check client sends raw bytes. File names and contents are new every run,
and ids come from the redirect after each upload, so nothing depends on what other checks stored. The
last check reads main.py as text (without running it): whether an upload is read whole into memory
cannot be seen over HTTP.
"""

import ast
import os
import re
import secrets
import urllib.parse

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_word, shuffled, syntax_tree

LIMIT = 1024 * 1024
EXTENSION_MESSAGE = "Only .pdf and .txt files are accepted."
SIZE_MESSAGE = "The file is larger than 1 MB."
KEYS = ["download_url", "id", "name", "size"]


def csrf_token(response):
    """The value of the page's hidden csrfmiddlewaretoken input."""
    for tag in re.findall(r"<input\b[^>]*>", response.text):
        if re.search(r"""name=["']?csrfmiddlewaretoken\b""", tag):
            value = re.search(r"""value=["']?([^"'\s>]+)""", tag)
            return value.group(1) if value else None
    return None


def form_tag(response):
    found = re.search(r"<form\b[^>]*>", response.text, re.IGNORECASE)
    return found.group(0) if found else None


def multipart(fields, files):
    """A multipart/form-data body: (bytes, its Content-Type with the boundary)."""
    boundary = f"crossroads{secrets.token_hex(8)}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        parts.append(head.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def fresh_content(size=None):
    """Text bytes, new every run; exactly size bytes when size is given."""
    words = " ".join(fresh_word() for _ in range(fresh_int(20, 200))).encode()
    if size is None:
        return words
    return (words * (size // len(words) + 1))[:size]


def fresh_stem():
    return f"{fresh_word()}-{fresh_word()}"


def upload_page(client):
    response = client.get("/documents/new/")
    expect_status(response, 200)
    return response


def upload(client, filename, content, content_type="application/octet-stream", with_file=True):
    """What a browser does: load the page (it sets the CSRF cookie), then post the form with the token and the file."""
    token = csrf_token(upload_page(client))
    expect(token, "The upload page has a hidden csrfmiddlewaretoken input: keep {% csrf_token %} inside the <form>",
           expected='<input type="hidden" name="csrfmiddlewaretoken" value="...">', response=client.last[1])
    files = {"file": (filename, content, content_type)} if with_file else {}
    body, form_type = multipart({"csrfmiddlewaretoken": token}, files)
    return client.post("/documents/new/", data=body, headers={"Content-Type": form_type})


def path_of(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def describe_upload(filename, content, content_type):
    return f"An upload of {filename!r} ({len(content):,} bytes, sent as {content_type})"


def accepted(client, filename, content, content_type="application/octet-stream"):
    """Uploads a file that must be accepted; returns the document's JSON from its page."""
    what = describe_upload(filename, content, content_type)
    response = upload(client, filename, content, content_type)
    expect(response.status != 403, f"{what} was refused with 403: the checks send the page's CSRF token, so keep "
           "{% csrf_token %} in the form and CsrfViewMiddleware on", expected="a redirect to /documents/<id>/", response=response)
    if response.status in (200, 400) and "This field is required." in response.text:
        expect(False, f"{what} answered that the file is missing. Build the form with both request.POST and request.FILES: "
               "DocumentForm(request.POST, request.FILES). Files never arrive in request.POST",
               expected="a redirect to /documents/<id>/", response=response)
    expect(response.status != 400, f"{what} was refused, but it must be accepted", expected="a redirect to /documents/<id>/",
           response=response)
    expect(response.status != 200, f"{what} answered 200 without a redirect. On POST, validate the form and, when it is "
           "valid, save it and redirect to the document's page: redirect(\"document\", pk=document.pk)",
           expected="a redirect to /documents/<id>/", response=response)
    expect(response.status in (301, 302, 303) and response.location, f"{what} redirects to the new document's page",
           expected="status 302 with Location: /documents/<id>/", response=response)
    target = path_of(response.location)
    found = re.fullmatch(r"/documents/(\d+)/", target)
    expect(found, f"{what} redirects to the new document's page, /documents/<id>/", expected="Location: /documents/<id>/",
           actual=f"Location: {response.location}")
    page = client.get(target)
    expect_status(page, 200)
    document = expect_json(page)
    expect(sorted(document) == KEYS, f"GET {target} answers the document as JSON with exactly the keys {KEYS}", expected=KEYS,
           actual=sorted(document))
    expect(document["id"] == int(found.group(1)), f"The \"id\" in GET {target} is the document's id", expected=int(found.group(1)),
           actual=document["id"])
    expect(document["size"] == len(content), f"\"size\" is the stored file's size in bytes ({what})", expected=len(content),
           actual=document["size"])
    return document


def check_upload_page_sends_files(client):
    """GET /documents/new/ shows a form that can send files (POST, multipart/form-data, a file input, the CSRF token)"""
    response = upload_page(client)
    tag = form_tag(response)
    expect(tag is not None, "The upload page has a <form>", expected="<form ...>", response=response)
    expect(re.search(r"""method=["']?post\b""", tag, re.IGNORECASE), "The form is sent with method=\"post\"",
           expected='<form method="post" enctype="multipart/form-data">', actual=tag)
    expect(re.search(r"""enctype=["']?multipart/form-data\b""", tag, re.IGNORECASE),
           "The form has no enctype=\"multipart/form-data\". Without it, the browser sends only the file's name as text, and "
           "request.FILES stays empty: add it to the <form> tag in the template",
           expected='<form method="post" enctype="multipart/form-data">', actual=tag)
    inputs = re.findall(r"<input\b[^>]*>", response.text)
    expect(any(re.search(r"""type=["']?file\b""", i) and re.search(r"""name=["']?file\b""", i) for i in inputs),
           "The form has a file input named \"file\" (a FileField on the form gives it)",
           expected='<input type="file" name="file" ...>', response=response)
    expect(csrf_token(response), "The form has a hidden csrfmiddlewaretoken input (from {% csrf_token %})",
           expected='<input type="hidden" name="csrfmiddlewaretoken" value="...">', response=response)


def check_upload_stores_a_new_name(client):
    """A .pdf upload redirects to /documents/<id>/, whose JSON has the stored name and size; the name is never the client's"""
    stem = fresh_stem()
    filename = f"{stem}.pdf"
    content = fresh_content()
    document = accepted(client, filename, content, "application/pdf")
    name = document["name"]
    expect(isinstance(name, str) and name.startswith("documents/"),
           "\"name\" is the stored name, the file field's .name, which starts with the folder documents/",
           expected="documents/<random>.pdf", actual=name)
    expect(all(word not in name.lower() for word in stem.split("-")),
           f"The stored name {name!r} is made from the name the client sent ({filename!r}). A client chooses that name: it can "
           "reveal who uploaded what, clash with another file, or carry an extension that a web server will serve as HTML. "
           "Give upload_to a function that returns documents/<random>.<extension>, e.g. with uuid.uuid4().hex",
           expected="documents/<random>.pdf", actual=name)
    stored = name.rsplit("/", 1)[-1]
    expect(stored.lower().endswith(".pdf"), "The stored name keeps the file's extension (.pdf here)", expected="documents/<random>.pdf",
           actual=name)
    random_part = stored[: -len(".pdf")]
    expect(len(random_part) >= 16 and "/" not in name[len("documents/"):],
           "The stored name is documents/ followed by at least 16 random characters and the extension (uuid.uuid4().hex gives 32)",
           expected="documents/<random>.pdf", actual=name)
    again = accepted(client, filename, fresh_content(), "application/pdf")
    expect(again["name"] != name, "Two uploads get two different stored names", expected="a new name", actual=again["name"])
    shared = os.path.commonprefix([random_part, again["name"].rsplit("/", 1)[-1]])
    expect(len(shared) < 16,
           f"Two uploads both named {filename!r} were stored as {name!r} and {again['name']!r}: the names start alike, so "
           "they are worked out from something the same for both (the client's name, a hash of it, the time), not drawn at "
           "random. Another client can guess them. Use uuid.uuid4().hex or secrets.token_hex(16)",
           expected="two unrelated random names", actual=[name, again["name"]])


def check_download_is_an_attachment(client):
    """The download_url answers the stored bytes with Content-Disposition: attachment"""
    filename = f"{fresh_stem()}.txt"
    content = fresh_content()
    document = accepted(client, filename, content, "text/plain")
    link = document["download_url"]
    expect(isinstance(link, str) and link.startswith(("/", "http://", "https://")), "\"download_url\" is a URL to download the file",
           expected="/documents/<id>/download/", actual=link)
    response = client.get(path_of(link))
    expect_status(response, 200)
    expect(response.body == content, f"GET {link} answers the bytes that were uploaded", expected=f"{len(content)} bytes",
           actual=f"{len(response.body)} bytes")
    disposition = response.headers.get("Content-Disposition", "")
    expect(disposition.lower().startswith("attachment"),
           f"GET {link} answered Content-Disposition: {disposition or '(none)'}. An inline file opens in the browser, on your "
           "site's origin: an uploaded HTML or SVG file would run its scripts with your visitors' cookies. Send it as a "
           "download: FileResponse(document.file.open(\"rb\"), as_attachment=True)",
           expected="Content-Disposition: attachment; filename=...", actual=f"Content-Disposition: {disposition or '(none)'}")
    content_type = response.headers.get("Content-Type", "")
    expect("html" not in content_type.lower() and "svg" not in content_type.lower(),
           f"GET {link} is served as {content_type}: a .txt document is never HTML", expected="Content-Type: text/plain",
           actual=f"Content-Type: {content_type}")


CLAIMED_TYPE = ("The Content-Type of an uploaded file is whatever the client says (browsers send application/octet-stream for "
                "types they do not know, and anyone can send text/plain): decide by the file name's extension, "
                "FileExtensionValidator([\"pdf\", \"txt\"])")
WHOLE_EXTENSION = ("Compare the whole extension, the part after the last dot: FileExtensionValidator([\"pdf\", \"txt\"]), or "
                   "Path(name).suffix.lower() in {\".pdf\", \".txt\"}")


def check_extension_decides_not_content_type(client):
    """.pdf and .txt files are accepted in any case (REPORT.PDF too), whatever Content-Type the client claims"""
    cases = shuffled([
        (f"{fresh_stem()}.pdf", "application/octet-stream", CLAIMED_TYPE),
        (f"{fresh_stem()}.txt", "application/x-unknown", CLAIMED_TYPE),
        (f"{fresh_stem()}.PDF", "application/pdf", "Extensions are compared whatever their case: FileExtensionValidator "
         "lower-cases them, or compare Path(name).suffix.lower()"),
        (f"{fresh_stem()}.Txt", "text/plain", "Extensions are compared whatever their case: FileExtensionValidator "
         "lower-cases them, or compare Path(name).suffix.lower()"),
    ])
    for filename, content_type, why in cases:
        content = fresh_content()
        what = describe_upload(filename, content, content_type)
        response = upload(client, filename, content, content_type)
        expect(response.status != 400, f"{what} was refused. {why}", expected="a redirect to /documents/<id>/", response=response)
        expect(response.status in (301, 302, 303) and response.location, f"{what} is accepted and redirects to its page",
               expected="a redirect to /documents/<id>/", response=response)
        name = expect_json(client.get(path_of(response.location))).get("name", "")
        extension = filename[-4:].lower()
        expect(isinstance(name, str) and name.lower().endswith(extension), f"The stored name of {filename!r} keeps its extension",
               expected=f"documents/<random>{extension}", actual=name)


def other_extension():
    """Three letters that are neither pdf nor txt, new every run."""
    while True:
        letters = fresh_word()[-3:]
        if letters not in ("pdf", "txt"):
            return letters


ALLOW_LIST = ("Accept only the two allowed extensions rather than refusing a list of bad ones, which is never complete: "
              "FileExtensionValidator([\"pdf\", \"txt\"])")


def check_other_files_are_refused(client):
    """Any other file is refused with 400 and "Only .pdf and .txt files are accepted.", whatever its Content-Type says"""
    markup = shuffled([("html", "an HTML page"), ("htm", "an HTML page"), ("svg", "an SVG image"), ("xhtml", "an XHTML page")])
    cases = shuffled([
        (f"{fresh_stem()}.{markup[0][0]}", "text/plain", f"{markup[0][1]} sent as text/plain. {CLAIMED_TYPE}"),
        (f"{fresh_stem()}.{markup[1][0]}", "application/pdf", f"{markup[1][1]} sent as application/pdf. {CLAIMED_TYPE}"),
        (f"{fresh_stem()}.{other_extension()}", "text/plain", f"a file with another extension. {ALLOW_LIST}"),
        (f"{fresh_stem()}.pdf.{shuffled(['exe', 'js', 'sh', 'bat'])[0]}", "application/pdf",
         f"a program whose name contains .pdf. {WHOLE_EXTENSION}"),
        (f"{fresh_word()}pdf", "application/pdf", f"a name that ends in pdf without a dot. {WHOLE_EXTENSION}"),
        (fresh_word(), "text/plain", f"a name without an extension. {WHOLE_EXTENSION}"),
    ])
    for filename, content_type, why in cases:
        content = fresh_content()
        response = upload(client, filename, content, content_type)
        expect(response.status not in (201, 301, 302, 303), f"{filename!r} was accepted: {why}",
               expected=f"status 400 with {EXTENSION_MESSAGE!r}", response=response)
        expect(response.status == 400, f"{describe_upload(filename, content, content_type)} is refused with 400, the form shown "
               "again with its error: render(..., status=400)", expected="status 400", response=response)
        expect(EXTENSION_MESSAGE in " ".join(response.text.split()),
               f"The refusal of {filename!r} shows the message {EXTENSION_MESSAGE!r} (FileExtensionValidator takes it as message=)",
               expected=EXTENSION_MESSAGE, response=response)


def check_size_limit(client):
    """A file of exactly 1 MB is accepted; one byte more (or more than that) is refused with 400 and "The file is larger than 1 MB." """
    filename = f"{fresh_stem()}.txt"
    for size in shuffled([LIMIT + 1, LIMIT + fresh_int(2, 300_000)]):
        content = fresh_content(size)
        response = upload(client, filename, content, "text/plain")
        expect(response.status not in (301, 302, 303), f"{describe_upload(filename, content, 'text/plain')} was accepted. Refuse "
               "every file over 1 MB: check the upload's .size (Django counted the bytes as they arrived) in clean_file() or a "
               "validator. Django itself has no limit on a file's size", expected=f"status 400 with {SIZE_MESSAGE!r}",
               actual=f"{response.status} Location: {response.location}")
        expect(response.status == 400, f"{describe_upload(filename, content, 'text/plain')} is refused with 400",
               expected="status 400", response=response)
        expect(SIZE_MESSAGE in " ".join(response.text.split()), f"The refusal of a file over 1 MB shows the message {SIZE_MESSAGE!r}",
               expected=SIZE_MESSAGE, response=response)
    content = fresh_content(LIMIT)
    if upload(client, filename, content, "text/plain").status == 400:
        expect(False, "A file of exactly 1 MB (1,048,576 bytes) was refused. The limit is inclusive: refuse a file only when its "
               "size is greater than 1024 * 1024", expected="a redirect to /documents/<id>/", response=client.last[1])
    document = accepted(client, filename, content, "text/plain")
    response = client.get(path_of(document["download_url"]))
    expect(response.body == content, "A 1 MB file downloads whole", expected=f"{len(content):,} bytes", actual=f"{len(response.body):,} bytes")


def check_missing_file_and_unknown_document(client):
    """A POST without a file answers 400; GET /documents/<id>/ of an unknown id answers 404"""
    response = upload(client, "", b"", with_file=False)
    expect(response.status == 400, "A POST without a file is refused with 400, the form shown again with \"This field is required.\"",
           expected="status 400", response=response)
    missing = 10**9 + fresh_int()
    expect_status(client.get(f"/documents/{missing}/"), 404)


# ---- Read from your main.py: whether an upload is read whole (HTTP cannot tell) ----

UPLOAD_SOURCES = ("FILES", "files", "cleaned_data")
WHOLE_READS = {"read", "readlines", "getvalue"}


def mentions_upload(node):
    return any(isinstance(n, ast.Attribute) and n.attr in UPLOAD_SOURCES for n in ast.walk(node)) or any(
        isinstance(n, ast.Constant) and n.value in UPLOAD_SOURCES for n in ast.walk(node))


def root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def upload_names(function, validators):
    """Names in a function that hold an upload: assigned from request.FILES or cleaned_data, or a validator's argument."""
    names = set()
    if function.name in validators and function.args.args:
        names.add(function.args.args[0].arg)
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
            if value is None or not (mentions_upload(value) or root_name(value) in names):
                continue
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id not in names:
                        names.add(name.id)
                        changed = True
    return names


def validator_functions(tree):
    """Names of functions listed in a validators=[...] argument."""
    found = set()
    for call in ast.walk(tree):
        if isinstance(call, ast.Call):
            for keyword in call.keywords:
                if keyword.arg == "validators" and isinstance(keyword.value, (ast.List, ast.Tuple)):
                    found.update(e.id for e in keyword.value.elts if isinstance(e, ast.Name))
    return found


COLLECTORS = {"list", "tuple"}


def upload_chunks(node, names):
    """Whether node is, or directly loops over, an upload's .chunks(): what join() or list() would gather whole."""
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        node = node.generators[0].iter
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "chunks"
            and (root_name(node.func.value) in names or mentions_upload(node.func.value)))


def whole_reads(tree):
    """(line, text) of each place that reads a whole upload or the raw request body."""
    validators = validator_functions(tree)
    found = []
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        names = upload_names(function, validators)
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                receiver = node.func.value
                is_upload = root_name(receiver) in names or mentions_upload(receiver)
                unbounded = not node.args or (isinstance(node.args[0], ast.Constant) and node.args[0].value in (None, -1))
                if node.func.attr in WHOLE_READS and unbounded and is_upload:
                    found.append((node.lineno, ast.unparse(node)))
                elif node.func.attr == "join" and any(upload_chunks(a, names) for a in node.args):
                    found.append((node.lineno, ast.unparse(node)))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in COLLECTORS and any(
                    upload_chunks(a, names) for a in node.args):
                found.append((node.lineno, ast.unparse(node)))
            if isinstance(node, ast.Attribute) and node.attr == "body" and root_name(node) == "request":
                found.append((node.lineno, ast.unparse(node)))
    return sorted(set(found))


def check_upload_not_read_whole(client):
    """The size is checked without reading the whole upload into memory (read from your code)"""
    reads = whole_reads(syntax_tree())
    expect(not reads,
           f"Line {reads[0][0] if reads else 0}: {reads[0][1] if reads else ''} reads the whole upload into memory. A client can "
           "send gigabytes, and Django keeps files over 2.5 MB in a temporary file so that you do not have to hold them: "
           "check upload.size, which Django counted as the bytes arrived, and let the FileField save the file (it copies it "
           "in chunks). To look inside a file, read a bounded part: upload.read(1024)",
           expected="upload.size compared with the limit, no read() of the whole file",
           actual=[f"line {line}: {text}" for line, text in reads])
