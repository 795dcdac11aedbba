// @vitest-environment node
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/tests/setup/factories";

// Review #14: a learner's stored submissions per exercise are bounded (SUBMISSIONS_KEPT), and the
// first pass survives, so "solved" never turns back into "not solved".

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// The verdict comes from the runner; here a stand-in that fails every run quickly (no sandbox needed).
vi.mock("@/lib/runner/server-runner", () => ({
  serverRunner: {
    engine: "server",
    run: async () => ({
      status: "fail",
      phase: "checks",
      message: "",
      traceback: "",
      output: "",
      checks: [],
      engine: "server",
      durationMs: 1,
    }),
  },
  runnerStats: () => ({}),
}));

const submissions = await import("@/app/api/submissions/route");
const { pruneSubmissions, storedResultJson, STORED_RESULT_MAX } = await import("@/lib/exercises/retention");
const { decodeRunResult } = await import("@/lib/records");
const { listExerciseStats } = await import("@/lib/exercises/stats");

async function store(userId: string, exerciseId: string, verdict: string, at: Date) {
  return db.exerciseSubmission.create({
    data: {
      userId,
      trackId: "flask",
      lessonId: "lesson",
      exerciseId,
      submitKey: randomUUID(),
      code: "x = 1",
      verdict,
      engine: "server",
      result: "{}",
      passedCount: 0,
      checkCount: 1,
      createdAt: at,
    },
  });
}

describe("stored submissions per learner and exercise are bounded", () => {
  it("keeps the newest N and the first pass, and leaves other exercises and learners alone", async () => {
    const ada = await makeUser();
    const bob = await makeUser();
    const base = Date.UTC(2026, 11, 1);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await store(ada.id, "ex-a", i === 2 || i === 5 ? "PASS" : "FAIL", new Date(base + i * 1000))).id);
    for (let i = 0; i < 6; i++) await store(ada.id, "ex-b", "FAIL", new Date(base + i * 1000));
    for (let i = 0; i < 6; i++) await store(bob.id, "ex-a", "FAIL", new Date(base + i * 1000));

    expect(await pruneSubmissions(ada.id, "ex-a", 4)).toBe(7);
    const left = await db.exerciseSubmission.findMany({ where: { userId: ada.id, exerciseId: "ex-a" }, orderBy: { createdAt: "asc" } });
    // The first pass (i = 2) and the newest four (i = 8..11).
    expect(left.map((row) => row.id)).toEqual([ids[2], ...ids.slice(8)]);
    expect((await listExerciseStats(ada.id, undefined, "ex-a"))[0]).toMatchObject({ solved: true });
    expect(await db.exerciseSubmission.count({ where: { userId: ada.id, exerciseId: "ex-b" } })).toBe(6);
    expect(await db.exerciseSubmission.count({ where: { userId: bob.id } })).toBe(6);
    // Nothing more to do until the next submission.
    expect(await pruneSubmissions(ada.id, "ex-a", 4)).toBe(0);
  });

  it("POST /api/submissions applies SUBMISSIONS_KEPT after storing the new verdict", async () => {
    process.env.SUBMISSIONS_KEPT = "3";
    const user = await makeUser();
    session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
    const exerciseId = "flask-first-app-ex";
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const submitKey = randomUUID();
      keys.push(submitKey);
      const response = await submissions.POST(
        new Request("http://localhost/api/submissions", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost" },
          body: JSON.stringify({ exerciseId, code: `print(${i})`, submitKey }),
        }),
        {},
      );
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const stored = await db.exerciseSubmission.findMany({ where: { userId: user.id } });
    expect(stored.map((row) => row.submitKey).sort()).toEqual(keys.slice(2).sort());
    delete process.env.SUBMISSIONS_KEPT;
  });

  it("stores a result of at most STORED_RESULT_MAX characters, keeping verdict, statuses and titles", () => {
    const flood = "x".repeat(1024 * 1024);
    const checks = Array.from({ length: 12 }, (_, i) => ({
      name: `check_${i}`,
      title: `Check ${i}`,
      status: i % 2 ? ("fail" as const) : ("pass" as const),
      message: flood.slice(0, 40_000),
      traceback: "",
      output: flood.slice(0, 40_000),
      request: "GET /",
    }));
    const result = {
      status: "fail" as const,
      phase: "checks" as const,
      message: "m",
      traceback: "",
      output: flood,
      checks,
      engine: "server" as const,
      durationMs: 5,
    };
    const json = storedResultJson(result);
    expect(json.length).toBeLessThanOrEqual(STORED_RESULT_MAX);
    const stored = decodeRunResult(json);
    expect(stored.status).toBe("fail");
    expect(stored.checks.map((check) => [check.title, check.status])).toEqual(checks.map((check) => [check.title, check.status]));
    expect(stored.output).toContain("shortened when stored");
    // A result that fits is stored exactly as it came.
    const small = { ...result, output: "hello", checks: checks.map((check) => ({ ...check, message: "no", output: "" })) };
    expect(storedResultJson(small)).toBe(JSON.stringify(small));
  });
});
