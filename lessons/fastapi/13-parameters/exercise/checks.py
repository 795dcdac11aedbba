"""Checks for the parameters exercise.

Every check creates its own items through the given POST /items, with tags made fresh for the run, so
GET /items?tag=... finds only that check's items whatever else the app holds; ids come from the
responses. The upload is sent as multipart/form-data built here by hand (the check client sends raw
bytes with the Content-Type given), with a file name, content type and content made for the run.
"""

import secrets
import urllib.parse

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title, fresh_word, shuffled

HEADER = "X-Client-Version"


def fresh_version():
    return f"{fresh_int(1, 9)}.{fresh_int(0, 30)}.{fresh_int(0, 99)}"


def create(client, **fields):
    """Creates an item through the given POST /items and returns it (with its id)."""
    body = {"name": fresh_title(), "price": fresh_int(1, 500) + 0.5, "tags": [], "description": fresh_title(4)}
    body.update(fields)
    response = client.post("/items", json=body)
    expect_status(response, 201)
    item = expect_json(response)
    expect(
        isinstance(item.get("id"), int),
        "POST /items (given: leave it as it is) must answer the new item with its id",
        expected={**body, "id": "<a number>"},
        response=response,
    )
    return item


def words(names):
    """['a', 'b', 'c'] as 'a, b and c'."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def query(pairs):
    return "/items?" + urllib.parse.urlencode(pairs)


def list_items(client, pairs, version=None):
    """GET /items with these query pairs and the X-Client-Version header: the JSON list it answers."""
    response = client.get(query(pairs), headers={HEADER: version or fresh_version()})
    if response.status == 422:
        body = response.json()
        errors = body.get("detail") if isinstance(body, dict) else None
        locs = [error.get("loc") for error in errors if isinstance(error, dict)] if isinstance(errors, list) else []
        header_locs = [loc for loc in locs if isinstance(loc, list) and loc[:1] == ["header"]]
        expect(
            not header_locs,
            f"GET /items was sent the header {HEADER}, yet it answered 422 saying a header is missing "
            f"({header_locs[0] if header_locs else ''}). FastAPI reads a parameter x_client_version from the "
            "header x-client-version: it turns underscores into hyphens for you. Header(convert_underscores=False), "
            "or an alias spelled with underscores, makes it look for a header name no client sends",
            expected="status 200 with a JSON list of items",
            response=response,
        )
    expect_status(response, 200)
    return expect_json(response, kind=list)


def ids_of(items):
    return [item.get("id") if isinstance(item, dict) else item for item in items]


def check_tags_filter(client):
    """GET /items?tag=a&tag=b answers only the items carrying every tag given"""
    first, second = fresh_word(), fresh_word()
    both = create(client, tags=shuffled([first, second, fresh_word()]))
    only_second = create(client, tags=[second])
    only_first = create(client, tags=[first, fresh_word()])
    neither = create(client, tags=[fresh_word()])
    found = list_items(client, [("tag", first), ("tag", second), ("limit", 50)])
    got = ids_of(found)
    expect(
        not (only_second["id"] in got and both["id"] in got and only_first["id"] not in got),
        f"GET /items?tag={first}&tag={second} answered the items tagged {second!r} as if only the last tag had been "
        "sent. A parameter typed str keeps one value of a repeated query parameter: declare "
        "tag: Annotated[list[str], Query()] = [] to get them all",
        expected=f"only item {both['id']} (the one tagged both {first!r} and {second!r})",
        actual=f"items {got}",
    )
    expect(
        neither["id"] not in got,
        f"GET /items?tag={first}&tag={second} answered item {neither['id']}, which carries neither tag, as if no tag had "
        "been read. A list parameter without Query() is read from the request body, not the query string: "
        "declare tag: Annotated[list[str], Query()] = []",
        expected=f"only item {both['id']} (the one tagged both {first!r} and {second!r})",
        actual=f"items {got}",
    )
    expect(
        not (only_first["id"] in got or only_second["id"] in got),
        f"GET /items?tag={first}&tag={second} answered items that carry only one of the two tags. The tags were read, "
        "but an item must carry every tag given, not any of them: keep an item when set(tag) <= set(item.tags) "
        "(all(t in item.tags for t in tag)), not when one of them matches",
        expected=f"only item {both['id']} (the one tagged both {first!r} and {second!r})",
        actual=f"items {got}",
    )
    expect(
        got == [both["id"]],
        f"GET /items?tag={first}&tag={second} must answer only the items carrying both tags",
        expected=f"one item, id {both['id']}",
        actual=f"items {got}",
    )
    found = list_items(client, [("tag", first), ("limit", 50)])
    expect(
        sorted(ids_of(found)) == sorted([both["id"], only_first["id"]]),
        f"GET /items?tag={first} must answer the items carrying that tag",
        expected=f"items {sorted([both['id'], only_first['id']])}",
        actual=f"items {ids_of(found)}",
    )
    first_item = found[0] if found else {}
    expect(
        isinstance(first_item, dict) and {"id", "name", "price", "tags", "description"} <= set(first_item),
        "GET /items must answer a list of items as POST /items answers them (id, name, price, tags, description)",
        expected=both,
        actual=first_item,
    )


def check_limit_default(client):
    """GET /items answers at most 10 items by default, and ?limit= changes that"""
    tag = fresh_word()
    made = [create(client, tags=[tag])["id"] for _ in range(12)]
    found = list_items(client, [("tag", tag)])
    expect(
        len(found) == 10,
        f"GET /items?tag={tag} (12 items carry that tag, no limit sent) must answer 10 items: limit defaults to 10"
        + (". Fewer came back: take the first limit items of those that match the tags, not the first limit items of "
           "all, filtered afterwards" if len(found) < 10 else ""),
        expected="10 items",
        actual=f"{len(found)} items: {ids_of(found)}",
    )
    expect(set(ids_of(found)) <= set(made), f"GET /items?tag={tag} answered items without that tag", expected=f"items among {made}", actual=ids_of(found))
    limit = fresh_int(2, 9)
    found = list_items(client, [("tag", tag), ("limit", limit)])
    expect(len(found) == limit, f"GET /items?tag={tag}&limit={limit} must answer {limit} items", expected=f"{limit} items", actual=f"{len(found)} items")
    found = list_items(client, [("tag", tag), ("limit", 50)])
    expect(len(found) == 12, f"GET /items?tag={tag}&limit=50 must answer all 12 items", expected="12 items", actual=f"{len(found)} items")


def check_limit_bounds(client):
    """GET /items answers 422 for a limit below 1 or above 50"""
    for limit in (0, -fresh_int(1, 9), 51, fresh_int(52, 5000)):
        response = client.get(query([("limit", limit)]), headers={HEADER: fresh_version()})
        expect(
            response.status == 422,
            f"GET /items?limit={limit} must answer 422: limit must be between 1 and 50. Declare it with "
            "Annotated[int, Query(ge=1, le=50)] = 10 and FastAPI refuses other values before your code runs",
            expected="status 422",
            response=response,
        )


def check_client_version_required(client):
    """GET /items answers 422 without the X-Client-Version header, 200 with it"""
    list_items(client, [("limit", 1)], version=fresh_version())
    response = client.get("/items")
    expect(
        response.status == 422,
        f"GET /items without the {HEADER} header must answer 422. Give the parameter no default "
        "(x_client_version: Annotated[str, Header()]) so FastAPI treats it as required",
        expected="status 422",
        response=response,
    )


def patch(client, item, body):
    """PATCH /items/{id} with body, which must succeed (200): the response."""
    response = client.patch(f"/items/{item['id']}", json=body)
    if response.status == 422:
        detail = response.json().get("detail") if isinstance(response.json(), dict) else None
        missing = [e.get("loc") for e in detail if isinstance(e, dict) and e.get("type") == "missing"] if isinstance(detail, list) else []
        expect(
            not missing,
            f"PATCH with only {sorted(body)} answered 422 because other fields are missing ({missing}): your body model "
            "requires every field. A partial update takes a model whose fields are all optional (each with a None default)",
            expected="status 200 with the whole item, updated",
            response=response,
        )
    expect_status(response, 200)
    return response

def check_patch_changes_only_fields_sent(client):
    """PATCH /items/{id} changes the fields sent and leaves the others as they were"""
    item = create(client, tags=[fresh_word(), fresh_word()])
    price = fresh_int(501, 900) + 0.25
    response = patch(client, item, {"price": price})
    expected = {**item, "price": price}
    updated = expect_json(response)
    lost = sorted(key for key in ("name", "tags", "description") if updated.get(key) != item[key])
    expect(
        not lost,
        f"PATCH with only a price changed the {words(lost)} too: fields that were not sent must keep their values. "
        "Apply only what the client sent: changes.model_dump(exclude_unset=True), then item.model_copy(update=...)",
        expected=expected,
        response=response,
    )
    expect(updated == expected, "PATCH must answer the whole item, updated", expected=expected, response=response)
    stored = expect_json(client.get(f"/items/{item['id']}"))
    expect(stored == expected, f"GET /items/{item['id']} after the PATCH must show the change", expected=expected, actual=stored)
    tags = [fresh_word()]
    response = patch(client, item, {"tags": tags})
    expected = {**expected, "tags": tags}
    expect(expect_json(response) == expected, "PATCH with only tags must replace the tags and keep the rest", expected=expected, response=response)


def check_patch_null_clears_description(client):
    """PATCH /items/{id} with "description": null clears the description"""
    item = create(client)
    response = patch(client, item, {"description": None})
    updated = expect_json(response)
    expect(
        updated.get("description") != item["description"],
        "PATCH with {\"description\": null} kept the old description. The client sent null on purpose, to clear it; "
        "model_dump(exclude_none=True) throws that away. Use exclude_unset=True: it keeps what was sent, null included",
        expected={**item, "description": None},
        response=response,
    )
    expect(updated == {**item, "description": None}, "PATCH with {\"description\": null} must clear only the description",
           expected={**item, "description": None}, response=response)
    stored = expect_json(client.get(f"/items/{item['id']}"))
    expect(stored.get("description") is None, f"GET /items/{item['id']} must show the description cleared", expected=None, actual=stored)


def check_patch_refuses_bad_values(client):
    """PATCH /items/{id} answers 422 for an invalid value, a wrong type or a null name, price or tags, and changes nothing"""
    item = create(client, tags=[fresh_word()])
    bodies = [
        {"price": -fresh_int(1, 50)},
        {"price": 0},
        {"name": ""},
        {"name": None},
        {"price": None},
        {"tags": None},
        {"price": fresh_word()},
        {"tags": fresh_word()},
        {"name": fresh_title(), "price": -fresh_int(1, 50)},
    ]
    for body in bodies:
        response = client.patch(f"/items/{item['id']}", json=body)
        field = next(iter(body))
        if len(body) > 1:
            advice = ("one of its values breaks a rule, so the whole update is refused, and nothing of it is saved: validate "
                      "everything that was sent first, then apply it in one go")
        elif body[field] is None:
            advice = (f"{field} may be left out of a PATCH, but null would leave the item without one: refuse it (a "
                      "field_validator that raises ValueError for None runs only for fields that were sent)")
        elif isinstance(body[field], str) and field != "name":
            advice = (f"{field} must be {'a number' if field == 'price' else 'a list of strings'}, as in NewItem. Declare the "
                      "body as a Pydantic model with typed fields (not a dict) and FastAPI checks the types for you")
        else:
            advice = "the update model needs the same rules as NewItem (Field(min_length=1) for name, Field(gt=0) for price)"
        expect(
            response.status == 422,
            f"PATCH /items/{item['id']} with {body} must answer 422: {advice}",
            expected="status 422",
            response=response,
        )
        stored = expect_json(client.get(f"/items/{item['id']}"))
        expect(stored == item, f"PATCH /items/{item['id']} with {body} was refused, yet it changed the item: a refused PATCH "
               "must leave the item as it was", expected=item, actual=stored)


def check_patch_item_id_positive(client):
    """PATCH /items/0 answers 422 (the id must be greater than 0); an unknown id answers 404"""
    for item_id in (0, -fresh_int(1, 99)):
        response = client.patch(f"/items/{item_id}", json={"price": 1.5})
        expect(
            response.status == 422,
            f"PATCH /items/{item_id} must answer 422 before looking anything up: declare the id with "
            "Annotated[int, Path(gt=0)]",
            expected="status 422",
            response=response,
        )
    missing = 10**9 + fresh_int()
    response = client.patch(f"/items/{missing}", json={"price": 1.5})
    expect_status(response, 404)


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


def check_attachment_upload(client):
    """POST /items/{id}/attachment takes a file and answers its filename, content type and size"""
    item = create(client)
    filename = f"{fresh_word()}-{fresh_word()}.txt"
    content_type = shuffled(["text/plain", "text/csv", "text/markdown"])[0]
    content = " ".join(fresh_word() for _ in range(fresh_int(20, 400))).encode()
    body, form_type = multipart({}, {"file": (filename, content, content_type)})
    response = client.post(f"/items/{item['id']}/attachment", data=body, headers={"Content-Type": form_type})
    expect(
        response.status != 422,
        f"POST /items/{item['id']}/attachment with a file in the form field \"file\" answered 422. Take it as "
        "file: UploadFile (the parameter's name is the form field's name)",
        expected="status 200 with the file's filename, content_type and size",
        response=response,
    )
    expect_status(response, 200, 201)
    answer = expect_json(response)
    wanted = {"filename": filename, "content_type": content_type, "size": len(content)}
    expect(
        {key: answer.get(key) for key in wanted} == wanted,
        "The attachment's answer must describe the file that was sent (UploadFile's filename, content_type and size)",
        expected=wanted,
        response=response,
    )
    missing = 10**9 + fresh_int()
    body, form_type = multipart({}, {"file": (filename, content, content_type)})
    response = client.post(f"/items/{missing}/attachment", data=body, headers={"Content-Type": form_type})
    expect_status(response, 404)
    body, form_type = multipart({"note": fresh_word()}, {})
    response = client.post(f"/items/{item['id']}/attachment", data=body, headers={"Content-Type": form_type})
    expect(
        response.status == 422,
        "POST /items/{id}/attachment without a file must answer 422: the file is required",
        expected="status 422",
        response=response,
    )
