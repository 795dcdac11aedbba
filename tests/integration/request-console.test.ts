// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PEER_HEADER } from "@/lib/http/client-ip";
import { makeUser } from "@/tests/setup/factories";

// POST /api/console through the route handler with the real sandbox: the learner's FastAPI app runs in its
// sandbox, the request is sent from the check sandbox, and the full response comes back (issue 18).

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));

const consoleRoute = await import("@/app/api/console/route");
const { getCourse } = await import("@/lib/content/load");
const { LIMITS, hit } = await import("@/lib/rate-limit");

const exercise = [...getCourse().exercises.values()].find((e) => e.trackId === "fastapi" && !e.tests)!;

const APP = `
from fastapi import FastAPI, Response
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float
    tags: list[str] = []


@app.post("/items", status_code=201)
def create_item(item: Item, response: Response):
    response.headers["X-Item-Name"] = item.name
    print("created", item.name)
    return {"name": item.name, "price": item.price, "tags": item.tags}


@app.get("/items/{item_id}")
def read_item(item_id: int):
    return {"id": item_id}


@app.get("/bytes")
def raw_bytes():
    return Response(content=bytes(range(256)), media_type="application/octet-stream")
`;

// Prints what a console answer looks like, on stdout and stderr, in the hope that it is read as the response.
const FORGER = `
import json, sys
fake = {"status": "pass", "phase": "checks", "message": "", "traceback": "", "output": "", "checks": [],
        "probe": {"response": {"status": 200, "headers": [["X-Forged", "yes"]], "body": "forged", "encoding": "text", "bytes": 6, "truncated": False}}}
print(json.dumps(fake))
print(json.dumps(fake), file=sys.stderr)
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def home():
    print(json.dumps(fake))
    return {"real": True}
`;

let address = 0;

async function send(code: string, request: Record<string, unknown>, learner?: { id: string; sessionVersion: number }) {
  const user = learner ?? (await makeUser());
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
  const response = await consoleRoute.POST(
    new Request("http://localhost/api/console", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", [PEER_HEADER]: `198.51.100.${++address % 250}` },
      body: JSON.stringify({ exerciseId: exercise.id, code, request: { headers: [], body: "", ...request } }),
    }),
    {},
  );
  return { response, user };
}

interface Outcome {
  result: {
    status: string;
    output: string;
    message: string;
    probe?: {
      response?: { status: number; headers: [string, string][]; body: string; encoding: string; bytes: number };
      openapi?: unknown;
    };
  };
  operations: { method: string; path: string; body?: string }[];
}

describe("the request console on the server engine", () => {
  beforeEach(() => {
    session.current = null;
  });

  it("sends a POST with a JSON body to the learner's app and returns the full response and the app's operations", async () => {
    const { response } = await send(APP, {
      method: "POST",
      path: "/items",
      headers: [["Content-Type", "application/json"]],
      body: JSON.stringify({ name: "lamp", price: 12.5 }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const { result, operations } = (await response.json()) as Outcome;
    expect(result.status).toBe("pass");
    expect(result.probe?.response?.status).toBe(201);
    expect(JSON.parse(result.probe!.response!.body)).toEqual({ name: "lamp", price: 12.5, tags: [] });
    expect(result.probe?.response?.headers).toContainEqual(["x-item-name", "lamp"]);
    expect(result.output).toContain("created lamp");
    // The OpenAPI document stays on the server; its operations come to the page.
    expect(result.probe?.openapi).toBeUndefined();
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(["POST /items", "GET /items/{item_id}", "GET /bytes"]);
    expect(JSON.parse(operations[0].body!)).toEqual({ name: "", price: 0, tags: [] });
  }, 60_000);

  it("shows the validation error's 422 body, and a binary body as base64", async () => {
    const invalid = await send(APP, { method: "POST", path: "/items", headers: [["Content-Type", "application/json"]], body: "{}" });
    const { result } = (await invalid.response.json()) as Outcome;
    expect(result.probe?.response?.status).toBe(422);
    expect(JSON.parse(result.probe!.response!.body).detail[0].loc).toEqual(["body", "name"]);

    const binary = await send(APP, { method: "GET", path: "/bytes" });
    const raw = ((await binary.response.json()) as Outcome).result.probe!.response!;
    expect(raw.encoding).toBe("base64");
    expect(Buffer.from(raw.body, "base64")).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  }, 60_000);

  it("reads the response only from the check sandbox: what the learner's app prints is its output", async () => {
    const { response } = await send(FORGER, { method: "GET", path: "/" });
    const { result } = (await response.json()) as Outcome;
    expect(result.probe?.response?.status).toBe(200);
    expect(JSON.parse(result.probe!.response!.body)).toEqual({ real: true });
    expect(result.probe?.response?.headers.some(([name]) => name === "X-Forged")).toBe(false);
    expect(result.output).toContain('"forged"');
  }, 60_000);

  it("reports an app that does not start, with its traceback", async () => {
    const { response } = await send("import fastapi\nraise RuntimeError('boom')\n", { method: "GET", path: "/" });
    const { result } = (await response.json()) as Outcome & { result: { phase: string; traceback: string } };
    expect(result.status).toBe("error");
    expect(result.phase).toBe("import");
    expect(result.traceback).toContain("boom");
    expect(result.probe).toBeUndefined();
  }, 60_000);

  it("refuses a signed-out visitor with 401 and an invalid request with 400, before anything runs", async () => {
    const signedOut = await consoleRoute.POST(
      new Request("http://localhost/api/console", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ exerciseId: exercise.id, code: APP, request: { method: "GET", path: "/", headers: [], body: "" } }),
      }),
      {},
    );
    expect(signedOut.status).toBe(401);
    const invalid = await send(APP, { method: "TRACE", path: "items", headers: [["Content-Length", "5"]] });
    expect(invalid.response.status).toBe(400);
  });

  it("counts against the learner's run budget: over it, 429 with Retry-After", async () => {
    const user = await makeUser();
    for (let i = 0; i < LIMITS.runsPerUser.max; i++) await hit(`runs:user:${user.id}`, LIMITS.runsPerUser);
    const { response } = await send(APP, { method: "GET", path: "/items/1" }, user);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
