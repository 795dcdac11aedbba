// @vitest-environment node
import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom } from "@/lib/content/load";
import type { ProbeRequest } from "@/lib/runner/types";
import { NodePyodideSession } from "@/tests/support/pyodide-node";

// The request console on the browser engine (Flask and Django): the same run code as the worker, in Pyodide
// under Node with the same bundle. The learner's app is imported fresh and answers one request in-process.

const course = loadCourseFrom(contentRoot());
const session = new NodePyodideSession();

const FLASK = `
from flask import Flask, jsonify, request

app = Flask(__name__)
COUNT = 0


@app.post("/echo")
def echo():
    global COUNT
    COUNT += 1
    print("echo", COUNT)
    return jsonify(got=request.get_json(), token=request.headers.get("X-Token"), count=COUNT), 201


@app.get("/bytes")
def raw():
    return bytes(range(256)), 200, {"Content-Type": "application/octet-stream"}
`;

const send = (code: string, probe: Omit<ProbeRequest, "headers" | "body"> & Partial<ProbeRequest>) =>
  session.run({ code, checks: "", support: course.support, probe: { headers: [], body: "", ...probe } });

describe("the request console in Pyodide", () => {
  it("sends a JSON POST with headers to a Flask app imported fresh for each request", async () => {
    for (let i = 0; i < 2; i++) {
      const result = await send(FLASK, {
        method: "POST",
        path: "/echo?x=1",
        headers: [
          ["Content-Type", "application/json"],
          ["X-Token", "a"],
          ["x-token", "b"],
        ],
        body: '{"n": 1}',
      });
      expect(result.status, result.message).toBe("pass");
      expect(result.engine).toBe("browser");
      const response = result.probe!.response!;
      expect(response.status).toBe(201);
      expect(response.headers).toContainEqual(["Content-Type", "application/json"]);
      // Repeated headers are joined; the module is fresh each time, so the count starts again.
      expect(JSON.parse(response.body)).toEqual({ got: { n: 1 }, token: "a, b", count: 1 });
      expect(result.output).toContain("echo 1");
    }
  }, 240_000);

  it("returns a binary body as base64 and a crash as the 500 the app would send", async () => {
    const binary = (await send(FLASK, { method: "GET", path: "/bytes" })).probe!.response!;
    expect(binary.encoding).toBe("base64");
    expect(Buffer.from(binary.body, "base64")).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    const crash = await send(FLASK.replace("COUNT += 1", "COUNT += 1 / 0"), { method: "POST", path: "/echo", body: "{}" });
    expect(crash.probe?.response?.status).toBe(500);
    expect(crash.probe?.response?.body).toContain("Internal Server Error");
    expect(crash.output).toContain("ZeroDivisionError");
  }, 120_000);

  it("reports an app that does not import, with its traceback", async () => {
    const result = await send("import flask\nraise RuntimeError('boom')\n", { method: "GET", path: "/" });
    expect(result.status).toBe("error");
    expect(result.phase).toBe("import");
    expect(result.traceback).toContain("boom");
    expect(result.probe).toBeUndefined();
  }, 120_000);

  it("sends a request to a Django app", async () => {
    const exercise = [...course.exercises.values()].find((e) => e.id.startsWith("django") && e.solution.includes("seed/books/"))!;
    const result = await send(exercise.solution, { method: "GET", path: "/api/books/2/", headers: [["Accept", "application/json"]] });
    expect(result.status, result.message + result.traceback).toBe("pass");
    expect(result.probe?.response?.status).toBe(200);
    expect(JSON.parse(result.probe!.response!.body)).toEqual({ id: 2, title: "Emma", author: "Jane Austen" });
  }, 240_000);
});
