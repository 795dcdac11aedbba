// @vitest-environment node
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { venvPath } from "@/lib/runner/sandbox";

// app_server.py defers the build of FastAPI's OpenAPI document models (fastapi/openapi/models.py) from the
// framework's import to their first use, to save CPU on every FastAPI run. What a learner can see must not
// change: each FastAPI exercise's solution (plus an app using every security scheme, and one whose own names
// shadow the models' module names) gives the same /openapi.json, /docs, validation errors and security
// answers as with FastAPI imported as usual, in a fresh interpreter each way. Run with the venv's Python,
// the one the sandboxes use.
const root = process.cwd();

const PROBE = String.raw`
import asyncio, json, os, sys
mode, scripts, app_dir, module = sys.argv[1:5]
sys.path.insert(0, scripts)
import app_server
if mode == "deferred":
    app_server.warm_import("fastapi")
else:
    import fastapi, fastapi.responses
models = sys.modules["fastapi.openapi.models"]
deferred = not models.OpenAPI.__pydantic_complete__
app_server.collect_as_usual()
out = {"deferred_at_start": deferred}


def first_use_beside_shadowing_names():
    # The three models whose annotations the module resolves late, first used from a frame whose own names
    # shadow the module's: they must still be built from fastapi.openapi.models' names.
    SchemaOrBool = Schema = PathItem = Header = Callback = Encoding = Operation = int  # noqa: F841
    results = []
    for name, data in [
        ("Schema", {"properties": {"a": {"type": "string"}}, "items": True, "allOf": [{"$ref": "#/x"}]}),
        ("Operation", {"responses": {"200": {"description": "ok"}}, "callbacks": {"cb": {"/x": {"get": {"responses": {}}}}}}),
        ("Encoding", {"contentType": "text/plain", "headers": {"X": {"schema": {"type": "string"}}}}),
    ]:
        try:
            results.append(getattr(models, name).model_validate(data).model_dump(mode="json", by_alias=True, exclude_none=True))
        except Exception as exc:
            results.append(f"{type(exc).__name__}: {exc}")
    return results


if module == "shadows":
    out["first_use"] = first_use_beside_shadowing_names()
sys.path.insert(0, app_dir)
from crossroads_app import AppHost

host = AppHost(module)
async def ask(method, target, headers=None, body=b""):
    status, out_headers, data = await host.handle(method, target, headers or {}, body)
    # Headers whose values differ on every request (a middleware's request id or timing) are compared by name.
    varying = ("content-length", "date", "x-request-id", "x-process-time", "x-response-time")
    headers = sorted((k, "" if k.lower() in varying else v) for k, v in out_headers)
    return [status, headers, data.decode("utf-8", "replace")]

async def main():
    # Security dependencies answer before the docs are built (their models are the deferred ones), then the docs.
    for target in sys.argv[5:]:
        method, _, path = target.partition(" ")
        out[target] = await ask(method, path, {"Content-Type": "application/json"}, b'{"bad": ')
    out["openapi"] = await ask("GET", "/openapi.json")
    out["docs"] = await ask("GET", "/docs")
    out["openapi_again"] = await ask("GET", "/openapi.json")
    # Validation against the document models themselves, as a learner's custom openapi() might do.
    try:
        models.OpenAPI.model_validate({"openapi": "3.1.0", "info": {"title": 1}, "paths": {"/": {"get": {"responses": "x"}}}})
    except Exception as exc:
        out["model_errors"] = json.loads(exc.json())
    out["schema"] = models.OpenAPI.model_json_schema()

asyncio.run(main())
print(json.dumps(out, sort_keys=True))
`;

// Names the models' module resolves late (Header, PathItem, SchemaOrBool ...) bound to other things in the
// learner's module and in the frame that first builds the models: the models must still use their own.
const SHADOWING_APP = `
from typing import Annotated

from fastapi import Depends, FastAPI, Header as FastAPIHeader
from fastapi.openapi.utils import get_openapi
from fastapi.security import APIKeyHeader, HTTPBasic, HTTPBearer, OAuth2PasswordBearer, OpenIdConnect
from pydantic import BaseModel, Field

Header = "not a model"
PathItem = 42
SchemaOrBool = None
Schema = dict
Callback = list

app = FastAPI(title="Shadows", version="1.2.3")
oauth = OAuth2PasswordBearer(tokenUrl="token", scopes={"read": "Read things"})
key = APIKeyHeader(name="X-Key", auto_error=False)
bearer = HTTPBearer(auto_error=False)
basic = HTTPBasic(auto_error=False)
oidc = OpenIdConnect(openIdConnectUrl="https://example.test/.well-known", auto_error=False)


class Item(BaseModel):
    name: str = Field(min_length=2, examples=["pen"])
    price: float = Field(gt=0)
    tags: list[str] = []


@app.post("/items", status_code=201, tags=["items"], summary="Add an item")
def create(item: Item, token: Annotated[str, Depends(oauth)], x_trace: Annotated[str | None, FastAPIHeader()] = None):
    return item


@app.get("/keys")
def keys(k=Depends(key), b=Depends(bearer), c=Depends(basic), o=Depends(oidc)):
    return {"key": k, "bearer": b and b.credentials}


def custom_openapi():
    Header, PathItem, SchemaOrBool, Schema, Encoding, Operation = 1, 2, 3, 4, 5, 6
    if app.openapi_schema is None:
        app.openapi_schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
        app.openapi_schema["info"]["x-checked"] = [Header, PathItem, SchemaOrBool, Schema, Encoding, Operation]
    return app.openapi_schema


app.openapi = custom_openapi
`;

function fastapiSolutions(): { name: string; dir: string; module: string }[] {
  const track = path.join(root, "lessons", "fastapi");
  return fs
    .readdirSync(track)
    .map((lesson) => path.join(track, lesson, "exercise"))
    .filter((dir) => fs.existsSync(path.join(dir, "solution.py")) && !fs.existsSync(path.join(dir, "apps")))
    .map((dir) => ({ name: path.relative(root, dir), dir, module: "solution" }));
}

function probe(mode: "deferred" | "eager", dir: string, module: string, requests: string[]) {
  const python = path.join(venvPath(), "bin", "python");
  const support = path.join(root, "lessons", "_support");
  // In a folder of its own: a solution may write files (a SQLite database) where it runs.
  const cwd = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "openapi-run-"));
  try {
    return run(python, cwd, support, mode, dir, module, requests);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

function run(python: string, cwd: string, support: string, mode: string, dir: string, module: string, requests: string[]) {
  const scripts = path.join(root, "scripts", "python");
  const stdout = execFileSync(python, ["-B", "-s", "-P", "-c", PROBE, mode, scripts, dir, module, ...requests], {
    cwd,
    encoding: "utf8",
    env: { NODE_ENV: "test", PATH: "/usr/bin:/bin", LANG: "C.UTF-8", PYTHONPATH: support, HOME: cwd },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
}

function compare(dir: string, module: string, requests: string[]) {
  const deferred = probe("deferred", dir, module, requests);
  const eager = probe("eager", dir, module, requests);
  // The deferral is in effect (else this test proves nothing), and FastAPI imported as usual builds them.
  expect(deferred.deferred_at_start).toBe(true);
  expect(eager.deferred_at_start).toBe(false);
  delete deferred.deferred_at_start;
  delete eager.deferred_at_start;
  expect(deferred).toEqual(eager);
  return deferred;
}

describe("FastAPI's OpenAPI models built on first use (app_server.py)", () => {
  it("give every FastAPI exercise's solution the same /openapi.json, /docs and validation errors", () => {
    const solutions = fastapiSolutions();
    expect(solutions.length).toBeGreaterThan(5);
    for (const { dir, module } of solutions) {
      const result = compare(dir, module, []);
      expect((result.openapi as [number])[0]).toBe(200);
      expect((result.docs as [number])[0]).toBe(200);
    }
  }, 300_000);

  it("answer the same for every security scheme and for an app whose names shadow the models' own", () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "openapi-deferred-"));
    try {
      fs.writeFileSync(path.join(dir, "shadows.py"), SHADOWING_APP);
      const result = compare(dir, "shadows", ["POST /items", "GET /keys"]);
      const [status, , body] = result.openapi as [number, unknown, string];
      expect(status).toBe(200);
      const doc = JSON.parse(body) as { info: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
      expect(doc.info["x-checked"]).toEqual([1, 2, 3, 4, 5, 6]);
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
        "APIKeyHeader",
        "HTTPBasic",
        "HTTPBearer",
        "OAuth2PasswordBearer",
        "OpenIdConnect",
      ]);
      expect(result.model_errors).toBeDefined();
      expect(JSON.stringify(result.first_use)).not.toMatch(/Error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
