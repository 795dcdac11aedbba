import { describe, expect, it } from "vitest";
import { operationsFrom } from "@/lib/console/openapi";
import { parseProbeOutput, PROBE_BODY_LIMIT } from "@/lib/runner/probe";
import { ConsoleSchema, MAX_BODY_BYTES, MAX_HEADERS, parseHeaderLines, ProbeSchema } from "@/lib/schemas/console";
import type { ProbeResponse } from "@/lib/runner/types";

const ok = { method: "POST", path: "/items?x=1", headers: [["Content-Type", "application/json"]], body: '{"a": 1}' };

describe("the console's request schema", () => {
  it("accepts a request composed in the console", () => {
    expect(ProbeSchema.parse(ok)).toEqual(ok);
    expect(ConsoleSchema.safeParse({ exerciseId: "fastapi-01", code: "", request: ok }).success).toBe(true);
  });

  it.each([
    ["a method outside the list", { method: "TRACE" }],
    ["a lower-case method", { method: "get" }],
    ["a path without the leading /", { path: "items" }],
    ["a path with a space", { path: "/a b" }],
    ["a path with a line break", { path: "/a\r\nX-Injected: 1" }],
    ["a path over 2000 characters", { path: "/" + "a".repeat(2000) }],
    ["a header name with a colon", { headers: [["X:Y", "1"]] }],
    ["a header value with a line break", { headers: [["X-A", "1\r\nX-B: 2"]] }],
    ["Content-Length set by hand", { headers: [["content-length", "3"]] }],
    ["more than 20 headers", { headers: Array.from({ length: MAX_HEADERS + 1 }, (_, i) => [`X-${i}`, "1"]) }],
    ["a body over 64 KB (counted in UTF-8 bytes)", { body: "é".repeat(MAX_BODY_BYTES / 2 + 1) }],
    ["an unknown field", { extra: true }],
  ])("refuses %s", (_name, change) => {
    expect(ProbeSchema.safeParse({ ...ok, ...change }).success).toBe(false);
  });

  it("does not let the page ask for the OpenAPI document itself (the server decides)", () => {
    expect(ConsoleSchema.safeParse({ exerciseId: "fastapi-01", code: "", request: { ...ok, openapi: true } }).success).toBe(false);
  });

  it("reads the headers box one Name: value per line", () => {
    expect(parseHeaderLines("Content-Type: application/json\n\n  X-Token : a:b \r\n")).toEqual({
      headers: [
        ["Content-Type", "application/json"],
        ["X-Token", "a:b"],
      ],
    });
    expect(parseHeaderLines("Accept: */*\nnot a header")).toEqual({ error: 'Header line 2 is not "Name: value".' });
    expect(parseHeaderLines(": value")).toEqual({ error: 'Header line 1 is not "Name: value".' });
  });
});

const response = (extra: Partial<ProbeResponse> = {}): ProbeResponse => ({
  status: 201,
  headers: [["content-type", "application/json"]],
  body: '{"id": 1}',
  encoding: "text",
  bytes: 9,
  truncated: false,
  ...extra,
});
const line = (value: unknown) => `noise\n${JSON.stringify(value)}\n`;

describe("the check runner's console line", () => {
  const answered = { status: "pass", phase: "checks", message: "", traceback: "", output: "", checks: [], probe: { response: response() } };

  it("is read from the last line, field by field", () => {
    expect(parseProbeOutput(line(answered))).toEqual({ ...answered, probe: { response: response() } });
  });

  it("keeps why the app did not answer", () => {
    const gone = { ...answered, status: "error", message: "Your app did not answer GET / within 8 seconds.", probe: {} };
    expect(parseProbeOutput(line(gone))?.message).toContain("did not answer");
  });

  it.each([
    ["not JSON", "{"],
    ["a run's checks line (no probe)", line({ status: "pass", phase: "checks", message: "", checks: [] })],
    ["an answer without a response", line({ ...answered, probe: {} })],
    ["a status out of range", line({ ...answered, probe: { response: response({ status: 42 }) } })],
    ["an unknown encoding", line({ ...answered, probe: { response: response({ encoding: "hex" as "text" }) } })],
    ["a body past the bound", line({ ...answered, probe: { response: response({ body: "x".repeat(PROBE_BODY_LIMIT * 2 + 1) }) } })],
    ["headers that are not pairs", line({ ...answered, probe: { response: { ...response(), headers: [["a"]] } } })],
    ["an extra field in the response", line({ ...answered, probe: { response: { ...response(), html: "<b>" } } })],
  ])("refuses %s", (_name, stdout) => {
    expect(parseProbeOutput(stdout)).toBeUndefined();
  });
});

const DOC = {
  openapi: "3.1.0",
  paths: {
    "/items": {
      get: { summary: "List Items" },
      post: {
        summary: "Create Item",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } }, required: true },
      },
    },
    "/items/{item_id}": { get: { summary: "Read Item" }, delete: {}, trace: {} },
    "/upload": { post: { requestBody: { content: { "multipart/form-data": { schema: {} } } } } },
    "/loop": { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } } },
  },
  components: {
    schemas: {
      Item: {
        type: "object",
        properties: {
          name: { type: "string" },
          price: { type: "number" },
          count: { type: "integer", default: 1 },
          tags: { type: "array", items: { type: "string" } },
          note: { anyOf: [{ type: "string" }, { type: "null" }] },
          size: { enum: ["S", "M"] },
          owner: { $ref: "#/components/schemas/Owner" },
        },
      },
      Owner: { type: "object", properties: { email: { type: "string", examples: ["a@example.com"] } } },
      Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } },
    },
  },
};

describe("the OpenAPI document's operations", () => {
  const doc = (body: string, extra: Partial<ProbeResponse> = {}) => response({ status: 200, body, ...extra });

  it("lists each method and path template, with a JSON body skeleton when the body is a JSON object", () => {
    const operations = operationsFrom(doc(JSON.stringify(DOC)));
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual([
      "GET /items",
      "POST /items",
      "GET /items/{item_id}",
      "DELETE /items/{item_id}",
      "POST /upload",
      "POST /loop",
    ]);
    expect(operations[1].summary).toBe("Create Item");
    expect(JSON.parse(operations[1].body!)).toEqual({
      name: "",
      price: 0,
      count: 1,
      tags: [""],
      note: "",
      size: "S",
      owner: { email: "a@example.com" },
    });
    expect(operations[0].body).toBeUndefined();
    expect(operations[4].body).toBeUndefined();
    // A schema that refers to itself ends instead of recursing.
    expect(JSON.parse(operations[5].body!)).toEqual({ next: null });
  });

  it.each([
    ["no document", undefined],
    ["a 404", doc("{}", { status: 404 })],
    ["a body that is not JSON", doc("<html>")],
    ["a cut body", doc(JSON.stringify(DOC), { truncated: true })],
    ["JSON without paths", doc("[1, 2]")],
  ])("is empty for %s", (_name, given) => {
    expect(operationsFrom(given)).toEqual([]);
  });

  it("does bounded work on a small document that describes an exponential tree (50 properties per level)", () => {
    // 5 models, each with 50 properties pointing at the next: 50^5 values if followed in full.
    const schemas = Object.fromEntries(
      Array.from({ length: 5 }, (_, level) => [
        `S${level}`,
        {
          type: "object",
          properties: Object.fromEntries(
            Array.from({ length: 50 }, (_, p) => [
              `p${p}`,
              level < 4 ? { $ref: `#/components/schemas/S${level + 1}` } : { type: "string" },
            ]),
          ),
        },
      ]),
    );
    const body = { content: { "application/json": { schema: { $ref: "#/components/schemas/S0" } } } };
    const paths = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`/op${i}`, { post: { requestBody: body } }]));
    const operations = operationsFrom(doc(JSON.stringify({ paths, components: { schemas } })));
    expect(operations).toHaveLength(100);
    const bodies = operations.map((op) => op.body ?? "");
    expect(Math.max(...bodies.map((text) => text.length))).toBeLessThanOrEqual(8_000);
    expect(bodies.join("").length).toBeLessThanOrEqual(64_000);
  });

  it("ignores a default too deeply nested to serialise, and keeps listing", () => {
    const nested = "[".repeat(100_000) + "]".repeat(100_000);
    const text = `{"paths":{"/x":{"post":{"requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string","default":${nested}}}}}}}}}}}`;
    const operations = operationsFrom(doc(text));
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(["POST /x"]);
    expect(JSON.parse(operations[0].body!)).toEqual({ a: "" });
  });
});
