from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_word


def new_user():
    return fresh_word(), f"{fresh_word()}-{fresh_int(1000, 9999)}"


def expect_no_secret(response, password):
    text = response.text
    leaked = "password" in text.lower() or password in text or password[::-1] in text
    expect(
        not leaked,
        f"The response to {response.request} shows the password or its hash: return only id and username",
        expected={"id": "...", "username": "..."},
        response=response,
    )


def create(client, username=None, password=None):
    default_name, default_password = new_user()
    username, password = username or default_name, password or default_password
    response = client.post("/users", json={"username": username, "password": password})
    expect_status(response, 201)
    expect_no_secret(response, password)
    user = expect_json(response)
    expect(
        isinstance(user.get("id"), int) and user == {"id": user["id"], "username": username},
        "POST /users answers with exactly the new user's id (an integer) and username",
        expected={"id": "an integer", "username": username},
        response=response,
    )
    return user, password


def check_create_hides_hash(client):
    """POST /users answers 201 with only id and username"""
    create(client)


def check_read_hides_hash(client):
    """GET /users/{user_id} returns only id and username"""
    user, password = create(client)
    response = client.get(f"/users/{user['id']}")
    expect_status(response, 200)
    expect_no_secret(response, password)
    expect_json(response, user)


def check_unknown_user(client):
    """GET /users/{user_id} for an unknown id is a 404"""
    user, _ = create(client)
    response = client.get(f"/users/{user['id'] + fresh_int(10_000, 90_000)}")
    expect_status(response, 404)


def check_delete(client):
    """DELETE answers 204 with an empty body, then the user is gone and a second DELETE is a 404"""
    user, _ = create(client)
    first = client.delete(f"/users/{user['id']}")
    expect_status(first, 204)
    expect(first.body == b"", "A 204 answer has an empty body", expected="no body", response=first)
    expect_status(client.get(f"/users/{user['id']}"), 404)
    expect_status(client.delete(f"/users/{user['id']}"), 404)


def check_ids_never_reused(client):
    """A deleted user's id is never given to a new user"""
    first, _ = create(client)
    second, _ = create(client)
    expect_status(client.delete(f"/users/{first['id']}"), 204)
    third, _ = create(client)
    ids = [first["id"], second["id"], third["id"]]
    expect(
        len(set(ids)) == 3,
        "Create A and B, delete A, create C: the three users must have three different ids "
        "(len(USERS) + 1 gives C the id of B; use itertools.count)",
        expected="three different ids",
        actual=ids,
    )
    response = client.get(f"/users/{second['id']}")
    expect_status(response, 200)
    expect_json(response, second)


def resolve(schema, spec):
    while isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec.get("components", {}).get("schemas", {}).get(name, {})
    return schema if isinstance(schema, dict) else {}


def documented_fields(spec, path, method):
    operation = spec.get("paths", {}).get(path, {}).get(method, {})
    for code, answer in operation.get("responses", {}).items():
        if str(code).startswith("2"):
            schema = resolve(answer.get("content", {}).get("application/json", {}).get("schema", {}), spec)
            if schema.get("properties"):
                return sorted(schema["properties"])
    return []


def check_output_model_documented(client):
    """The API's OpenAPI schema declares the output model (id and username) for create and read"""
    response = client.get("/openapi.json")
    expect_status(response, 200)
    spec = expect_json(response)
    for path, method in (("/users", "post"), ("/users/{user_id}", "get")):
        fields = documented_fields(spec, path, method)
        expect(
            fields == ["id", "username"],
            f"{method.upper()} {path} must declare its output model (response_model=UserPublic or a -> UserPublic "
            "annotation), so FastAPI filters the answer and documents it; a hand-built JSONResponse skips both",
            expected=f"{method.upper()} {path} documented as returning ['id', 'username']",
            actual=f"documented fields: {fields}",
        )
