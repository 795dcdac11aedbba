import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeUser } from "@/tests/setup/factories";

// Route handlers log through withRoute whether or not they need a user: /api/me and /api/health get
// the same line as an authenticated handler, and expected errors keep their status and headers.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

const me = await import("@/app/api/me/route");
const health = await import("@/app/api/health/route");
const { withRoute, withUser } = await import("@/lib/http/api");
const { ExpectedError } = await import("@/lib/errors");
const { QueueFullError } = await import("@/lib/runner/queue");

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
afterEach(() => {
  vi.restoreAllMocks();
  process.env.LOG_LEVEL = "silent";
});

const requests = () => lines.filter((line) => line.msg === "request");

describe("request logging", () => {
  it("logs GET /api/me with the signed-in user, and signed out without one", async () => {
    const user = await makeUser();
    session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
    const response = await me.GET(new Request("http://x/api/me", { headers: { "x-request-id": "req-me-0001" } }), {});
    expect(response.headers.get("X-Request-Id")).toBe("req-me-0001");
    session.current = null;
    await me.GET(new Request("http://x/api/me"), {});
    expect(requests()).toEqual([
      expect.objectContaining({ level: "info", requestId: "req-me-0001", userId: user.id, route: "GET /api/me", status: 200 }),
      expect.objectContaining({ level: "info", route: "GET /api/me", status: 200 }),
    ]);
    expect(requests()[1].userId).toBeUndefined();
  });

  it("logs GET /api/health", async () => {
    const response = await health.GET(new Request("http://x/api/health"), {});
    expect(response.headers.get("X-Request-Id")).toMatch(/^[\w-]{8,}$/);
    expect(requests()).toEqual([
      expect.objectContaining({ route: "GET /api/health", status: response.status, durationMs: expect.any(Number) }),
    ]);
  });

  it("maps expected errors the same way with or without a user: status, message, headers", async () => {
    const busy = withRoute(async () => {
      throw new QueueFullError();
    });
    const response = await busy(new Request("http://x/busy", { method: "POST" }), {});
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.json()).toEqual({ error: "The runner is busy, try again in a few seconds." });

    const gone = withUser(async () => {
      throw new ExpectedError(410, "Gone for good.");
    });
    session.current = null;
    expect((await gone(new Request("http://x/gone"), {})).status).toBe(401);
    const user = await makeUser();
    session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
    const answer = await gone(new Request("http://x/gone"), {});
    expect(answer.status).toBe(410);
    expect(await answer.json()).toEqual({ error: "Gone for good." });
    expect(requests().map((line) => line.status)).toEqual([503, 401, 410]);
  });
});
