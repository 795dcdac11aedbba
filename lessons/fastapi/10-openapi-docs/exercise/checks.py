"""Checks for the OpenAPI docs exercise.

The endpoints must keep working (HTTP), and the document FastAPI publishes at /openapi.json must say
what the prompt asks: the API's title and version, a described "recipes" tag on every recipe
operation, the summaries, descriptions, 201 for the create, the Recipe model as each success
response, the 404 with its own description and model, descriptions and valid examples for the
fields of the request body (per field, or as whole examples of the model), and no /health. Only the
published document is read, so any way of writing it that FastAPI turns into the same schema passes.
"""

from crossroads_checks import expect, expect_json, expect_status, fresh_int, fresh_title

TITLE, VERSION, TAG = "Recipe Box API", "2.0.0", "recipes"
OPERATIONS = {
    ("post", "/recipes"): "Add a recipe",
    ("get", "/recipes"): "List all recipes",
    ("get", "/recipes/{recipe_id}"): "Get one recipe",
}
# What FastAPI writes when a response is given no description (for a 404 without one: "Not Found")
DEFAULT_DESCRIPTIONS = ("", "Additional Response", "Successful Response", "Not Found")


# ---- HTTP: the API still works -------------------------------------------------------------------


def create(client, name, minutes):
    response = client.post("/recipes", json={"name": name, "minutes": minutes})
    expect(
        response.status == 201,
        f"POST /recipes must answer 201 Created: set it in the decorator, @app.post(\"/recipes\", status_code=201), so the docs say it too (got {response.status})",
        expected="status 201",
        response=response,
    )
    recipe = expect_json(response)
    expect(
        isinstance(recipe.get("id"), int) and recipe == {"id": recipe["id"], "name": name, "minutes": minutes},
        "POST /recipes answers with the new recipe: its id, name and minutes",
        expected={"id": "an integer", "name": name, "minutes": minutes},
        response=response,
    )
    return recipe


def check_recipes_work(client):
    """POST /recipes creates a recipe that GET /recipes/{id} and GET /recipes return"""
    recipe = create(client, fresh_title(), fresh_int(5, 240))
    response = client.get(f"/recipes/{recipe['id']}")
    expect_status(response, 200)
    expect_json(response, recipe)
    response = client.get("/recipes")
    expect_status(response, 200)
    listed = expect_json(response, kind=list)
    expect(recipe in listed, "GET /recipes lists every recipe, the new one included", expected=recipe, actual=listed)


def check_unknown_recipe(client):
    """An unknown recipe id is a 404 with detail 'Recipe not found'"""
    recipe = create(client, fresh_title(), fresh_int(5, 240))
    response = client.get(f"/recipes/{recipe['id'] + fresh_int(100_000, 900_000)}")
    expect_status(response, 404)
    expect_json(response, {"detail": "Recipe not found"})


def check_minutes_positive(client):
    """A recipe needs a cooking time above 0 (422 otherwise)"""
    for minutes in (0, -fresh_int(1, 60)):
        response = client.post("/recipes", json={"name": fresh_title(), "minutes": minutes})
        expect(
            response.status == 422,
            f"minutes={minutes} must be refused with 422: declare the rule on the field, minutes: int = Field(gt=0, ...), "
            "which also puts it in the docs",
            expected="status 422",
            response=response,
        )


def check_health_hidden(client):
    """GET /health still answers, but is left out of the docs"""
    response = client.get("/health")
    expect_status(response, 200)
    expect_json(response, {"status": "ok"})
    paths = document(client).get("paths", {})
    expect(
        "/health" not in paths,
        "GET /health is for load balancers, not for API users: keep it, but leave it out of the docs with "
        "@app.get(\"/health\", include_in_schema=False)",
        expected="no /health in /openapi.json",
        actual=sorted(paths),
    )


# ---- Reading /openapi.json -------------------------------------------------------------------------


def document(client):
    response = client.get("/openapi.json")
    expect(response.status == 200, "GET /openapi.json must answer with the API's OpenAPI document: keep the docs turned on", expected="status 200", response=response)
    spec = expect_json(response)
    expect(isinstance(spec.get("paths"), dict), "/openapi.json has no paths", expected='{"paths": {...}}', response=response)
    return spec


def operation(spec, method, path):
    found = spec["paths"].get(path, {}).get(method)
    expect(
        isinstance(found, dict),
        f"The docs have no {method.upper()} {path}: keep that endpoint, at that path",
        expected=f"{method.upper()} {path} in /openapi.json",
        actual=sorted(f"{m.upper()} {p}" for p, ops in spec["paths"].items() for m in ops),
    )
    return found


def resolve(spec, schema, depth=0):
    """A schema with its $ref followed (and a single allOf unwrapped)."""
    while isinstance(schema, dict) and depth < 10:
        depth += 1
        if "$ref" in schema and isinstance(schema["$ref"], str):
            schema = spec.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1], {})
        elif isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
            schema = schema["allOf"][0]
        else:
            break
    return schema if isinstance(schema, dict) else {}


def json_schema(spec, part):
    """The resolved JSON schema of a response or request body; {} when it declares none."""
    content = part.get("content", {}) if isinstance(part, dict) else {}
    return resolve(spec, content.get("application/json", {}).get("schema", {}))


def expect_recipe(spec, schema, label):
    properties = schema.get("properties", {})
    expect(
        {"id", "name", "minutes"} <= set(properties),
        f"{label} must be documented as a Recipe (id, name, minutes): give the endpoint its response model, "
        "with a return annotation (-> Recipe) or response_model=Recipe. Without one the docs can only say \"any JSON\"",
        expected="a schema with the properties id, name and minutes",
        actual=f"documented properties: {sorted(properties)}" if properties else f"documented schema: {schema or 'none'}",
    )


def check_title_and_version(client):
    """The docs name the API "Recipe Box API", version 2.0.0"""
    info = document(client).get("info", {})
    expect(
        info.get("title") == TITLE and info.get("version") == VERSION,
        f'Give the app its name and version: FastAPI(title="{TITLE}", version="{VERSION}")',
        expected={"title": TITLE, "version": VERSION},
        actual={"title": info.get("title"), "version": info.get("version")},
    )


def check_tags(client):
    """Every recipe operation is tagged "recipes", and the tag has a description"""
    spec = document(client)
    for (method, path) in OPERATIONS:
        tags = operation(spec, method, path).get("tags") or []
        expect(
            TAG in tags,
            f'{method.upper()} {path} must be in the "{TAG}" section of the docs: tags=["{TAG}"] on its decorator '
            "(or on the APIRouter that holds it)",
            expected=[TAG],
            actual=tags,
        )
    described = [tag for tag in spec.get("tags") or [] if isinstance(tag, dict) and tag.get("name") == TAG]
    expect(
        described and isinstance(described[0].get("description"), str) and described[0]["description"].strip(),
        f'Describe the "{TAG}" tag, so its section of the docs says what it holds: '
        f'FastAPI(..., openapi_tags=[{{"name": "{TAG}", "description": "..."}}])',
        expected=[{"name": TAG, "description": "a sentence about the section"}],
        actual=spec.get("tags") or "no tags list in the document",
    )


def check_summaries_and_descriptions(client):
    """Each recipe operation has its summary; create and get-one have a description"""
    spec = document(client)
    for (method, path), summary in OPERATIONS.items():
        found = operation(spec, method, path)
        expect(
            (found.get("summary") or "").strip() == summary,
            f'{method.upper()} {path} must have the summary "{summary}": summary="{summary}" on its decorator '
            "(without it FastAPI makes one from the function name)",
            expected=summary,
            actual=found.get("summary"),
        )
    for method, path in (("post", "/recipes"), ("get", "/recipes/{recipe_id}")):
        description = operation(spec, method, path).get("description")
        expect(
            isinstance(description, str) and description.strip(),
            f"{method.upper()} {path} needs a description, a sentence or two on what it does: write a docstring in the "
            "function (or pass description=... to the decorator)",
            expected="a description",
            actual=description or "no description",
        )


def check_create_documented(client):
    """POST /recipes is documented as answering 201 with a Recipe"""
    spec = document(client)
    responses = operation(spec, "post", "/recipes").get("responses", {})
    expect(
        "201" in responses and "200" not in responses,
        "The docs must say POST /recipes answers 201 Created: set status_code=201 in the decorator. A status set "
        "only inside the function (a JSONResponse, or response.status_code) works, but the docs keep saying 200",
        expected='responses: {"201": ...}',
        actual=f"documented statuses: {sorted(responses)}",
    )
    expect_recipe(spec, json_schema(spec, responses["201"]), "The 201 answer of POST /recipes")


def check_reads_documented(client):
    """GET /recipes and GET /recipes/{recipe_id} are documented as returning Recipes"""
    spec = document(client)
    responses = operation(spec, "get", "/recipes/{recipe_id}").get("responses", {})
    expect_recipe(spec, json_schema(spec, responses.get("200", {})), "The 200 answer of GET /recipes/{recipe_id}")
    listed = json_schema(spec, operation(spec, "get", "/recipes").get("responses", {}).get("200", {}))
    expect(
        listed.get("type") == "array",
        "GET /recipes must be documented as returning a list of recipes: annotate it -> list[Recipe] "
        "(or response_model=list[Recipe])",
        expected='{"type": "array", "items": Recipe}',
        actual=listed or "no schema",
    )
    expect_recipe(spec, resolve(spec, listed.get("items", {})), "Each item of GET /recipes")


def check_not_found_documented(client):
    """GET /recipes/{recipe_id} documents its 404, with a description and a model"""
    spec = document(client)
    responses = operation(spec, "get", "/recipes/{recipe_id}").get("responses", {})
    example = 'responses={404: {"model": Message, "description": "No recipe has this id"}}'
    expect(
        "404" in responses,
        "The docs must list the 404 that GET /recipes/{recipe_id} raises, so client authors handle it: add "
        f"{example} to its decorator, with class Message(BaseModel): detail: str",
        expected='responses: {"200": ..., "404": ...}',
        actual=f"documented statuses: {sorted(responses)}",
    )
    documented = responses["404"]
    expect(
        (documented.get("description") or "").strip().lower() not in [text.lower() for text in DEFAULT_DESCRIPTIONS],
        f'Say in words when the 404 happens: give it a "description" ({example}). Without one FastAPI writes only '
        '"Not Found", which tells a client author nothing new',
        expected="a description of when the 404 happens",
        actual=documented.get("description"),
    )
    properties = json_schema(spec, documented).get("properties", {})
    expect(
        "detail" in properties,
        'Document the body of the 404 too: {"detail": "..."}, with a model such as class Message(BaseModel): detail: str, '
        f"given as {example}",
        expected='a schema with a "detail" property',
        actual=documented,
    )


def examples_for(schema, field):
    """The examples of one field: its own "examples", or its value in each whole-model example."""
    own = schema.get("properties", {}).get(field, {}).get("examples")
    if isinstance(own, list) and own:
        return own
    whole = schema.get("examples")
    if isinstance(whole, list):
        return [example[field] for example in whole if isinstance(example, dict) and field in example]
    return []


def check_body_documented(client):
    """The request body's fields have descriptions, valid examples and the minutes rule"""
    spec = document(client)
    body = operation(spec, "post", "/recipes").get("requestBody", {})
    schema = json_schema(spec, body)
    properties = schema.get("properties", {})
    expect({"name", "minutes"} <= set(properties), "POST /recipes takes a RecipeIn body (name, minutes)", expected=["name", "minutes"], actual=sorted(properties))
    for field in ("name", "minutes"):
        description = properties[field].get("description")
        expect(
            isinstance(description, str) and description.strip(),
            f'Describe the {field} field for the docs: {field}: ... = Field(description="...", examples=[...])',
            expected=f"a description of {field}",
            actual=properties[field],
        )
        examples = examples_for(schema, field)
        expect(
            examples,
            f"Give the {field} field an example, so \"Try it out\" starts from a real recipe: Field(..., examples=[...]) "
            '(a list; the older example="..." is not what OpenAPI 3.1 reads)',
            expected=f"examples for {field}",
            actual=properties[field],
        )
        valid = all(isinstance(e, str) and e.strip() for e in examples) if field == "name" else all(
            isinstance(e, int) and not isinstance(e, bool) and e > 0 for e in examples
        )
        expect(
            valid,
            f"Every example of {field} must be a value the API accepts ("
            + ("a name, as text" if field == "name" else "a whole number of minutes above 0")
            + "): an example the API would refuse misleads whoever tries it",
            expected="a non-empty string" if field == "name" else "a whole number above 0, such as 35",
            actual=examples,
        )
    minutes = properties["minutes"]
    expect(
        minutes.get("exclusiveMinimum") == 0 or (isinstance(minutes.get("minimum"), (int, float)) and minutes["minimum"] >= 1),
        "The docs must show that minutes has to be above 0: declare it on the field, Field(gt=0, ...), which validates "
        "and documents it at once (an if in the function does only the first)",
        expected='"exclusiveMinimum": 0',
        actual=minutes,
    )
