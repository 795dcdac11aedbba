import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { DraftSchema, RunSchema, SubmitSchema } from "@/lib/schemas/exercise";
import { ChooserSubmissionSchema } from "@/lib/schemas/chooser";
import { CreateCohortSchema } from "@/lib/schemas/cohorts";
import { MarkCompleteSchema } from "@/lib/schemas/progress";
import { SignUpSchema } from "@/lib/schemas/auth";
import { makeUser } from "@/tests/setup/factories";

// Every server action and route handler, fed random input: learner endpoints as a signed-in learner,
// instructor and admin forms as an admin (so the role checks pass and validation is what answers).
// The answer is a clear 4xx, an { ok: false, error } result or a form error, never a 500, and nothing is stored.
process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", async () => {
  const { CredentialsSignin } = await import("next-auth");
  // Sign-in attempts fail as a wrong password would; fuzzed input must never sign anyone in.
  const signIn = async () => {
    throw new CredentialsSignin();
  };
  return { auth: async () => session.current, signIn, signOut: vi.fn() };
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { markLessonCompleteAction, submitQuizAction } = await import("@/lib/actions/learn");
const drafts = await import("@/app/api/drafts/[exerciseId]/route");
const runs = await import("@/app/api/runs/route");
const submissions = await import("@/app/api/submissions/route");
const progress = await import("@/app/api/progress/route");
const { submitChooserAction } = await import("@/lib/actions/chooser");
const projectActions = await import("@/lib/actions/projects");
const instructorActions = await import("@/lib/actions/cohorts");
const { joinCohortAction } = await import("@/lib/actions/join");
const { setUserRoleAction } = await import("@/lib/actions/admin");
const { signInAction, signUpAction } = await import("@/lib/actions/auth");
const { getCourse } = await import("@/lib/content/load");

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
  fc.record(
    {
      quizId: fc.oneof(fc.string(), fc.constant("flask-hello-quiz")),
      attemptKey: fc.oneof(fc.string(), fc.uuid()),
      answers: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    { exerciseId: fc.oneof(fc.string(), fc.constant("flask-hello-ex")), code: fc.anything(), submitKey: fc.string() },
    { requiredKeys: [] },
  ),
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
        for (const action of [markLessonCompleteAction, submitQuizAction] as ((
          input: unknown,
        ) => Promise<{ ok: boolean; error?: string }>)[]) {
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
        await expectClientError(
          await drafts.PUT(jsonRequest("PUT", `http://x/api/drafts/${exerciseId}`, body), { params: Promise.resolve({ exerciseId: id }) }),
        );
        await expectClientError(await runs.POST(jsonRequest("POST", "http://x/api/runs", body), {}));
        await expectClientError(await submissions.POST(jsonRequest("POST", "http://x/api/submissions", body), {}));
        await expectClientError(await progress.GET(new Request(`http://x/api/progress?track=${exerciseId}`), {}));
        await expectClientError(await progress.POST(jsonRequest("POST", "http://x/api/progress", body), {}));
      }),
      { numRuns: 150 },
    );
    expect(await storedRows()).toBe(0);
  });

  it("the chooser and project actions answer { ok: false, error } and store nothing", async () => {
    const chooser = getCourse().chooser;
    const known = ([questionId, optionId]: [string, string]) =>
      chooser.questions.some((q) => q.id === questionId && q.options.some((o) => o.id === optionId));
    // A well-formed submission whose answers all exist is meant to succeed; everything else must be refused.
    const shouldRefuse = (candidate: unknown) => {
      const parsed = ChooserSubmissionSchema.safeParse(candidate);
      return !parsed.success || !Object.entries(parsed.data.answers).every(known);
    };
    await fc.assert(
      fc.asyncProperty(
        junk,
        fc.record({ answers: fc.dictionary(fc.string(), fc.string()), resultKey: fc.uuid() }),
        async (input, answers) => {
          for (const candidate of [input, answers].filter(shouldRefuse)) {
            const result = await submitChooserAction(candidate);
            expect(result.ok, JSON.stringify(candidate)).toBe(false);
            expect((result as { error: string }).error).toMatch(/\w{5,}/);
          }
          for (const action of [projectActions.startProjectAction, projectActions.setMilestoneAction, projectActions.setRepoUrlAction]) {
            const result = await action(input);
            expect(result.ok).toBe(false);
            expect((result as { error: string }).error).toMatch(/\w{5,}/);
          }
        },
      ),
      { numRuns: 100 },
    );
    expect(await db.chooserResult.count({ where: { userId } })).toBe(0);
    expect(await db.projectProgress.count({ where: { userId } })).toBe(0);
  });

  it("form actions (cohorts, join, roles, sign-in, sign-up) answer with a message and change nothing", async () => {
    const admin = await makeUser("ADMIN", "Fuzz Admin");
    const saved = session.current;
    session.current = { user: { id: admin.id }, sessionVersion: admin.sessionVersion };
    const before = await Promise.all([
      db.cohort.count(),
      db.enrollment.count(),
      db.user.count(),
      db.user.count({ where: { role: "LEARNER" } }),
    ]);
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("", " ", "7", "ADMIN", "a".repeat(600), "x@y.z"));
    const formFields = fc.dictionary(
      fc.constantFrom("name", "description", "expiresInDays", "cohortId", "userId", "role", "code", "email", "password", "callbackUrl"),
      text,
    );
    const expectRefused = (state: { ok?: boolean; error?: string; fieldErrors?: object }, label: string) => {
      expect(state.ok, label).not.toBe(true);
      const messages = [state.error, ...Object.values(state.fieldErrors ?? {}).flat()].filter((m): m is string => typeof m === "string");
      expect(messages.join(" "), label).toMatch(/\w{5,}/);
    };
    try {
      await fc.assert(
        fc.asyncProperty(formFields, async (fields) => {
          const form = new FormData();
          for (const [key, value] of Object.entries(fields)) form.set(key, value);
          const forms: [string, (f: FormData) => Promise<object>][] = [
            ["rotateInviteCodeAction", (f) => instructorActions.rotateInviteCodeAction({}, f)],
            ["archiveCohortAction", (f) => instructorActions.archiveCohortAction({}, f)],
            ["restoreCohortAction", (f) => instructorActions.restoreCohortAction({}, f)],
            ["removeLearnerAction", (f) => instructorActions.removeLearnerAction({}, f)],
            ["joinCohortAction", (f) => joinCohortAction({}, f)],
            ["setUserRoleAction", (f) => setUserRoleAction({}, f)],
            ["signInAction", (f) => signInAction({}, f)],
          ];
          // Valid cohort names and sign-ups are meant to succeed; only the invalid ones are fuzzed.
          if (!CreateCohortSchema.safeParse(fields).success)
            forms.push(["createCohortAction", (f) => instructorActions.createCohortAction({}, f)]);
          if (!SignUpSchema.safeParse(fields).success) forms.push(["signUpAction", (f) => signUpAction({}, f)]);
          for (const [name, action] of forms) expectRefused(await action(form), `${name} ${JSON.stringify(fields)}`);
        }),
        { numRuns: 100 },
      );
      const after = await Promise.all([
        db.cohort.count(),
        db.enrollment.count(),
        db.user.count(),
        db.user.count({ where: { role: "LEARNER" } }),
      ]);
      expect(after).toEqual(before);
    } finally {
      session.current = saved;
    }
  });

  it("refuses a signed-out visitor with 401 everywhere", async () => {
    const saved = session.current;
    session.current = null;
    try {
      const response = await submissions.POST(jsonRequest("POST", "http://x/api/submissions", {}), {});
      expect(response.status).toBe(401);
      expect(await markLessonCompleteAction({ lessonId: "flask-hello", complete: true })).toEqual({
        ok: false,
        error: "Sign in to save your progress.",
      });
    } finally {
      session.current = saved;
    }
  });
});
