import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { makeUser } from "@/tests/setup/factories";

// The one pipeline of lib/actions/define.ts: who may call, parsing, and expected errors turned into
// the one result type, each answer logged with its outcome. The session is the only fake.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-pipeline-1" }) }));

const { action, formAction } = await import("@/lib/actions/define");
const { ExpectedError } = await import("@/lib/errors");
const { CohortNotFoundError } = await import("@/lib/instructor/access");
const { callAction } = await import("@/lib/client/call-action");

let lines: Record<string, unknown>[] = [];
beforeEach(() => {
  session.current = null;
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

async function signIn(role: "LEARNER" | "INSTRUCTOR" = "LEARNER") {
  const user = await makeUser(role);
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
  return user;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const Named = z.object({ name: z.string().trim().min(1, "Give it a name.") });

describe("the action pipeline", () => {
  it("answers a signed-out caller with the given message, and passes the user to run", async () => {
    const whoAmI = action({ name: "whoAmI", auth: { signedOut: "Sign in first." } }, async ({ user }) => ({ id: user.id }));
    expect(await whoAmI()).toEqual({ ok: false, error: "Sign in first." });
    const user = await signIn();
    expect(await whoAmI()).toEqual({ ok: true, id: user.id });
    expect(lines.map((line) => [line.route, line.outcome, line.userId])).toEqual([
      ["action whoAmI", "refused", undefined],
      ["action whoAmI", "ok", user.id],
    ]);
  });

  it("sends a signed-out form to sign-in, and refuses a missing role with the refusal message", async () => {
    const create = formAction(
      { name: "create", auth: { signInTo: "/somewhere", role: "INSTRUCTOR" }, schema: Named, refusal: "Only instructors can." },
      async ({ input }) => ({ message: `Made ${input.name}.` }),
    );
    await expect(create(null, form({ name: "x" }))).rejects.toMatchObject({
      digest: expect.stringContaining("/signin?callbackUrl=%2Fsomewhere"),
    });
    await signIn("LEARNER");
    expect(await create(null, form({ name: "x" }))).toEqual({ ok: false, error: "Only instructors can." });
    await signIn("INSTRUCTOR");
    expect(await create(null, form({ name: " Ada " }))).toEqual({ ok: true, message: "Made Ada." });
    expect(lines.map((line) => line.outcome)).toEqual(["redirect", "refused", "ok"]);
  });

  it("answers invalid form input with field errors and the kept values, JSON input with one sentence", async () => {
    const named = formAction({ name: "named", auth: "none", schema: Named, keep: ["name"] }, async () => ({}));
    expect(await named(null, form({ name: "  " }))).toEqual({
      ok: false,
      fieldErrors: { name: ["Give it a name."] },
      values: { name: "  " },
    });
    const json = action({ name: "json", auth: "none", schema: Named }, async () => ({}));
    expect(await json({ name: 7 })).toEqual({ ok: false, error: expect.stringMatching(/^name: /) });
    const fixed = action({ name: "fixed", auth: "none", schema: Named, invalid: "Reload the page." }, async () => ({}));
    expect(await fixed("junk")).toEqual({ ok: false, error: "Reload the page." });
  });

  it("turns expected errors into a message or a field error; a refusal without `refusal` keeps its own message", async () => {
    const failing = (error: Error) => formAction({ name: "failing", auth: "none", keep: ["email"] }, async () => Promise.reject(error));
    const fields = form({ email: "a@b.c", password: "secret" });
    expect(await failing(new ExpectedError(409, "Taken.", {}, "email"))(null, fields)).toEqual({
      ok: false,
      fieldErrors: { email: ["Taken."] },
      values: { email: "a@b.c" },
    });
    expect(await failing(new ExpectedError(429, "Slow down."))(null, fields)).toEqual({
      ok: false,
      error: "Slow down.",
      values: { email: "a@b.c" },
    });
    expect(await failing(new CohortNotFoundError())(null, fields)).toMatchObject({
      ok: false,
      error: "No cohort of yours matches that link.",
    });
    const bug = new Error("database is locked");
    await expect(failing(bug)(null, fields)).rejects.toBe(bug);
    expect(lines.at(-1)).toMatchObject({ level: "error", outcome: "error" });
  });
});

describe("callAction (client)", () => {
  it("passes answers through and turns an unreachable server into a failure with a message", async () => {
    expect(await callAction(async () => ({ ok: true as const, n: 1 }))).toEqual({ ok: true, n: 1 });
    expect(await callAction(() => Promise.reject(new TypeError("Failed to fetch")))).toEqual({
      ok: false,
      error: "We could not reach the server. Check your connection and try again.",
    });
    expect(await callAction(() => Promise.reject(new Error("x")), "Your answers are still here.")).toEqual({
      ok: false,
      error: "Your answers are still here.",
    });
  });
});
