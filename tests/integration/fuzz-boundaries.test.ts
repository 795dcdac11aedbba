import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { DraftSchema, RunSchema, SubmitSchema } from "@/lib/schemas/exercise";
import { MarkCompleteSchema } from "@/lib/schemas/progress";
import { makeUser } from "@/tests/setup/factories";

// Every server action and route handler that takes learner input, fed random input as a signed-in
// learner: the answer is a clear 4xx (or an { ok: false, error } result), never a 500, and nothing is stored.
process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");
process.env.LOG_LEVEL = "silent";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));

const { markLessonCompleteAction, submitQuizAction } = await import("@/app/learn/[track]/[lesson]/actions");
const drafts = await import("@/app/api/drafts/[exerciseId]/route");
const runs = await import("@/app/api/runs/route");
const submissions = await import("@/app/api/submissions/route");
const progress = await import("@/app/api/progress/route");

let userId = "";
beforeAll(async () => {
  const user = await makeUser();
  userId = user.id;
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
});

async function storedRows() {
  const where = { userId };
  const counts = await Promise.all([
    db.lessonProgress.count({ where }),
    db.quizAttempt.count({ where }),
    db.codeDraft.count({ where }),
    db.exerciseSubmission.count({ where }),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

// Random JSON-ish values, plus near-misses of the real shapes.
const junk = fc.oneof(
  fc.anything(),
  fc.record({ lessonId: fc.string(), complete: fc.anything() }, { requiredKeys: [] }),
  fc.record({ quizId: fc.oneof(fc.string(), fc.constant("flask-hello-quiz")), attemptKey: fc.oneof(fc.string(), fc.uuid()), answers: fc.anything() }, { requiredKeys: [] }),
  fc.record({ exerciseId: fc.oneof(fc.string(), fc.constant("flask-hello-ex")), code: fc.anything(), submitKey: fc.string() }, { requiredKeys: [] }),
  fc.record({ code: fc.anything(), editedAt: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
);

function jsonRequest(method: string, url: string, body: unknown): Request {
  let text: string;
  try {
    text = JSON.stringify(body) ?? "null";
  } catch {
    text = "{not json";
  }
  return new Request(url, { method, headers: { "content-type": "application/json" }, body: text });
}

async function expectClientError(response: Response) {
  expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe("string");
  expect((body.error as string).length).toBeGreaterThan(5);
}

describe("fuzzed input at every boundary", () => {
  it("server actions answer { ok: false, error } and store nothing", async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (input) => {
        for (const action of [markLessonCompleteAction, submitQuizAction] as ((input: unknown) => Promise<{ ok: boolean; error?: string }>)[]) {
          const result = await action(input);
          expect(result.ok).toBe(false);
          expect(result.error).toMatch(/\w{5,}/);
        }
      }),
      { numRuns: 150 },
    );
    expect(await storedRows()).toBe(0);
  });

  it("route handlers answer a 4xx with a message and store nothing", async () => {
    await fc.assert(
      fc.asyncProperty(junk, fc.string(), async (body, id) => {
        // Valid requests (rare but possible) are not what this test is about.
        fc.pre(![RunSchema, SubmitSchema, DraftSchema, MarkCompleteSchema].some((schema) => schema.safeParse(body).success));
        const exerciseId = encodeURIComponent(id);
        await expectClientError(await drafts.PUT(jsonRequest("PUT", `http://x/api/drafts/${exerciseId}`, body), { params: Promise.resolve({ exerciseId: id }) }));
        await expectClientError(await runs.POST(jsonRequest("POST", "http://x/api/runs", body), {}));
        await expectClientError(await submissions.POST(jsonRequest("POST", "http://x/api/submissions", body), {}));
        await expectClientError(await progress.GET(new Request(`http://x/api/progress?track=${exerciseId}`), {}));
        await expectClientError(await progress.POST(jsonRequest("POST", "http://x/api/progress", body), {}));
      }),
      { numRuns: 150 },
    );
    expect(await storedRows()).toBe(0);
  });

  it("refuses a signed-out visitor with 401 everywhere", async () => {
    const saved = session.current;
    session.current = null;
    try {
      const response = await submissions.POST(jsonRequest("POST", "http://x/api/submissions", {}), {});
      expect(response.status).toBe(401);
      expect(await markLessonCompleteAction({ lessonId: "flask-hello", complete: true })).toEqual({ ok: false, error: "Sign in to save your progress." });
    } finally {
      session.current = saved;
    }
  });
});
