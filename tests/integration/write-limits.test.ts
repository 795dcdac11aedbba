import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { config } from "@/lib/config";
import { makeUser } from "@/tests/setup/factories";

// Writes a learner repeats have a per-account budget (security review #14): past it, a clear 429 message
// and nothing stored, whatever else the request carries.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
process.env.CONTENT_DIR = path.join(import.meta.dirname, "../../lessons");

const { submitChooserAction } = await import("@/lib/actions/chooser");
const { submitQuizAction } = await import("@/lib/actions/learn");
const drafts = await import("@/app/api/drafts/[exerciseId]/route");
const { getCourse } = await import("@/lib/content/load");

async function signIn() {
  const user = await makeUser();
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
  return user;
}

describe("per-account write budgets", () => {
  it("saves chooser results up to the hourly budget, then refuses with a message", async () => {
    const user = await signIn();
    const answers = { "project-type": "json-api" };
    for (let i = 0; i < config.RATE_CHOOSER_SAVES_PER_HOUR; i++) {
      expect((await submitChooserAction({ answers, resultKey: crypto.randomUUID() })).ok).toBe(true);
    }
    expect(await submitChooserAction({ answers, resultKey: crypto.randomUUID() })).toEqual({
      ok: false,
      error: expect.stringMatching(/^You are saving chooser results faster than the site allows\. Try again in/),
    });
    expect(await db.chooserResult.count({ where: { userId: user.id } })).toBe(config.RATE_CHOOSER_SAVES_PER_HOUR);
  });

  it("counts every quiz submission against the hourly budget", async () => {
    await signIn();
    const quizId = [...getCourse().quizzes.keys()][0];
    const submit = () => submitQuizAction({ quizId, attemptKey: crypto.randomUUID(), answers: {} });
    for (let i = 0; i < config.RATE_QUIZ_SUBMITS_PER_HOUR; i++) {
      expect((await submit()).error).not.toMatch(/faster than the site allows/);
    }
    expect((await submit()).error).toMatch(/^You are submitting quizzes faster than the site allows/);
  });

  it("answers a draft save past the per-minute budget with 429 and Retry-After, and keeps the last saved draft", async () => {
    await signIn();
    const exerciseId = [...getCourse().exercises.keys()][0];
    const put = (code: string) =>
      drafts.PUT(
        new Request(`http://x/api/drafts/${exerciseId}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code, editedAt: new Date().toISOString() }),
        }),
        { params: Promise.resolve({ exerciseId }) },
      );
    for (let i = 0; i < config.RATE_DRAFT_SAVES_PER_MINUTE; i++) expect((await put(`print(${i})`)).status).toBe(200);
    const refused = await put("print('too fast')");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^You are saving drafts faster than the site allows/);
    const kept = await db.codeDraft.findFirst({ where: { userId: session.current!.user.id } });
    expect(kept?.code).toBe(`print(${config.RATE_DRAFT_SAVES_PER_MINUTE - 1})`);
  });
});
