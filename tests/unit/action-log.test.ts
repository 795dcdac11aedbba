import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-12345678" }) }));

const { loggedAction } = await import("@/lib/http/action-log");
const { noteLogUser } = await import("@/lib/log");

let lines: Record<string, unknown>[] = [];
beforeEach(() => {
  lines = [];
  delete process.env.LOG_LEVEL;
  const capture = (chunk: string | Uint8Array) => {
    lines.push(JSON.parse(String(chunk)));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

describe("loggedAction", () => {
  it("passes arguments and the result through and writes one line with request, user, route and duration", async () => {
    // As getSessionUser does once it has verified the session.
    const action = loggedAction("double", async (n: number) => {
      noteLogUser("user-1");
      return { ok: true, value: n * 2 };
    });
    expect(await action(21)).toEqual({ ok: true, value: 42 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      msg: "request",
      requestId: "req-12345678",
      userId: "user-1",
      route: "action double",
      outcome: "ok",
    });
    expect(lines[0].durationMs).toEqual(expect.any(Number));
  });

  it("marks answers that refuse the input as refused", async () => {
    await loggedAction("a", async () => ({ ok: false, error: "Sign in first." }))();
    await loggedAction("b", async () => ({ ok: false, fieldErrors: { name: ["Give it a name."] } }))();
    expect(lines.map((line) => line.outcome)).toEqual(["refused", "refused"]);
  });

  it("logs a redirect as an answer and rethrows it", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/signin;307;" });
    await expect(loggedAction("r", async () => Promise.reject(redirect))()).rejects.toBe(redirect);
    expect(lines[0]).toMatchObject({ level: "info", outcome: "redirect" });
    expect(lines[0].error).toBeUndefined();
  });

  it("logs a failure as an error with its message and rethrows it", async () => {
    const failure = new Error("database is locked");
    await expect(loggedAction("f", async () => Promise.reject(failure))()).rejects.toBe(failure);
    expect(lines[0]).toMatchObject({ level: "error", outcome: "error", error: { name: "Error", message: "database is locked" } });
  });
});
