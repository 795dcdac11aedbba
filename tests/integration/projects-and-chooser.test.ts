import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/tests/setup/factories";

// Projects and chooser results through their server actions, with the real database and the
// session as the only fake. The real course content is used (projects and chooser live there).
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));
process.env.CONTENT_DIR = path.join(import.meta.dirname, "../../lessons");

const { setMilestoneAction, setRepoUrlAction, startProjectAction } = await import("@/lib/actions/projects");
const { submitChooserAction } = await import("@/lib/actions/chooser");

async function signIn() {
  const user = await makeUser();
  session.current = { user: { id: user.id }, sessionVersion: user.sessionVersion };
  return user;
}

describe("project progress", () => {
  it("starts a project and ticks milestones idempotently", async () => {
    const user = await signIn();
    await Promise.all([startProjectAction({ projectId: "flask-rest-api" }), startProjectAction({ projectId: "flask-rest-api" })]);
    const ticks = await Promise.all(
      Array.from({ length: 5 }, () => setMilestoneAction({ projectId: "flask-rest-api", milestoneId: "m1", done: true })),
    );
    expect(ticks.every((t) => t.ok)).toBe(true);
    expect(await db.projectProgress.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.projectMilestone.count({ where: { userId: user.id } })).toBe(1);
    const untick = await setMilestoneAction({ projectId: "flask-rest-api", milestoneId: "m1", done: false });
    expect(untick.ok && untick.state.doneMilestoneIds).toEqual([]);
  });

  it("accepts only http(s) repository links", async () => {
    const user = await signIn();
    const good = await setRepoUrlAction({ projectId: "django-blog", repoUrl: "https://github.com/ada/blog" });
    expect(good.ok && good.state.repoUrl).toBe("https://github.com/ada/blog");
    for (const repoUrl of ["javascript:alert(1)", "ftp://example.com/x", "github.com/ada", "data:text/html,hi"]) {
      const bad = await setRepoUrlAction({ projectId: "django-blog", repoUrl });
      expect(bad).toMatchObject({ ok: false, error: expect.stringContaining("https://") });
    }
    const row = await db.projectProgress.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.repoUrl).toBe("https://github.com/ada/blog");
  });

  it("refuses unknown projects, unknown milestones and signed-out visitors", async () => {
    await signIn();
    expect(await startProjectAction({ projectId: "no-such-project" })).toMatchObject({ ok: false });
    expect(await setMilestoneAction({ projectId: "flask-rest-api", milestoneId: "m99", done: true })).toMatchObject({
      ok: false,
      error: expect.stringContaining("not part of this project"),
    });
    session.current = null;
    expect(await startProjectAction({ projectId: "flask-rest-api" })).toEqual({ ok: false, error: "Sign in to track this project." });
  });
});

describe("chooser results", () => {
  it("saves a signed-in learner's result once per submission key", async () => {
    const user = await signIn();
    const resultKey = crypto.randomUUID();
    const answers = { "project-type": "json-api", "api-contract": "openapi" };
    const [a, b] = await Promise.all([submitChooserAction({ answers, resultKey }), submitChooserAction({ answers, resultKey })]);
    expect(a.ok && b.ok && a.savedId === b.savedId).toBe(true);
    expect(a.ok && a.result.recommendation).toBe("fastapi");
    // The saved result keeps what the page needs to explain its label and the record's cap.
    expect(a.ok && a.result).toMatchObject({ confidence: "clear", clearLead: 3, recordCap: 2.5 });
    expect(await db.chooserResult.count({ where: { userId: user.id } })).toBe(1);
  });

  it("scores a visitor without saving, and rejects unknown questions and answers with a clear message", async () => {
    session.current = null;
    const visitor = await submitChooserAction({ answers: { "project-type": "content-site" }, resultKey: crypto.randomUUID() });
    expect(visitor).toMatchObject({ ok: true, savedId: null });
    await signIn();
    const before = await db.chooserResult.count();
    expect(await submitChooserAction({ answers: { "favourite-colour": "blue" }, resultKey: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: expect.stringContaining('There is no question "favourite-colour"'),
    });
    expect(await submitChooserAction({ answers: { "project-type": "spaceship" }, resultKey: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"spaceship" is not one of the answers'),
    });
    expect(await submitChooserAction({ answers: "django please", resultKey: "x" })).toMatchObject({ ok: false });
    expect(await db.chooserResult.count()).toBe(before);
  });

  it("gives no recommendation, and saves nothing, when nothing or only neutral options were answered", async () => {
    const user = await signIn();
    for (const answers of [{}, { concurrency: "cpu-heavy", conventions: "no-preference", "career-goal": "none" }]) {
      expect(await submitChooserAction({ answers, resultKey: crypto.randomUUID() })).toEqual({
        ok: false,
        error: expect.stringMatching(/^No recommendation yet: none of your answers points to a framework/),
      });
    }
    expect(await db.chooserResult.count({ where: { userId: user.id } })).toBe(0);
  });
});
