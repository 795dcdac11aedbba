import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// GET /api/dashboard, which the prerendered dashboard page loads: the signed-in learner's figures as
// titles and links ready to render, nothing for a visitor, and nothing a shared cache may keep.
process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

const { getCourse } = await import("@/lib/content/load");
const { lessonPath, listTracks } = await import("@/lib/content/queries");
const { toDashboardView } = await import("@/lib/learner-dashboard-view");
const { recordLessonComplete } = await import("@/lib/progress");
const { recordQuizAttempt } = await import("@/lib/quiz/attempts");
const { saveChooserResult } = await import("@/lib/chooser/store");
const { scoreChooser } = await import("@/lib/chooser/scoring");
const route = await import("@/app/api/dashboard/route");
const { makeUser } = await import("@/tests/setup/factories");

const course = getCourse();
const [hello, routes] = [...course.lessons.values()];
const quiz = course.quizzes.get("flask-hello-quiz")!;
const answers = Object.fromEntries(course.chooser.questions.map((question) => [question.id, question.options[0].id]));

async function get() {
  const response = await route.GET(new Request("http://x/api/dashboard"), {});
  return { response, body: await response.json() };
}

beforeEach(() => {
  session.current = null;
});

describe("GET /api/dashboard", () => {
  it("answers a visitor 401 with what to do", async () => {
    const { response, body } = await get();
    expect(response.status).toBe(401);
    expect(body.error).toMatch(/sign in/i);
  });

  it("sends the learner's own figures with titles and links, never to be kept by a shared cache", async () => {
    const learner = await makeUser("LEARNER", "Dana Learner");
    const other = await makeUser("LEARNER", "Other Learner");
    await recordLessonComplete(learner.id, hello);
    await recordQuizAttempt(learner.id, quiz, "a-1", { q1: "b", q2: ["b"], q3: "a", q4: ["z", "x", "y"] } as never);
    const saved = await saveChooserResult(learner.id, "r-1", answers, scoreChooser(course.chooser, answers));
    session.current = { user: { id: learner.id }, sessionVersion: learner.sessionVersion };

    const { response, body } = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(body.name).toBe("Dana Learner");
    const flask = body.tracks.find((track: { trackId: string }) => track.trackId === "flask");
    expect(flask).toMatchObject({ completed: 1, next: { title: routes.title, href: lessonPath(routes) } });
    expect(body.tracks.map((track: { trackId: string }) => track.trackId)).toEqual(listTracks().map((track) => track.id));
    expect(body.projects).toEqual([]);
    expect(body.choice).toMatchObject({ href: `/chooser/results/${saved.id}` });
    expect(body.quizzes).toEqual([
      { quizId: quiz.id, lesson: hello.title, href: lessonPath(hello), percent: expect.any(Number), attempts: 1, mastered: false },
    ]);
    expect(body.quizzes[0].percent).toBeLessThan(80);

    // Another learner, signed in, sees their own empty record and name.
    session.current = { user: { id: other.id }, sessionVersion: other.sessionVersion };
    const theirs = (await get()).body;
    expect(theirs.name).toBe("Other Learner");
    expect(theirs.tracks.every((track: { completed: number }) => track.completed === 0)).toBe(true);
    expect(theirs).toMatchObject({ choice: null, quizzes: [], projects: [] });
  });
});

describe("toDashboardView", () => {
  const empty = { overview: { tracks: [], quizzes: [] }, projects: [], latestChoice: null };
  const base = scoreChooser(course.chooser, answers);

  it("says how firm the pick was only when it was not clear", () => {
    const note = (result: object) =>
      toDashboardView("x", { ...empty, latestChoice: { id: "c1", result: { ...base, ...result } } }).choice?.note;
    expect(note({ recommendation: "django", confidence: "clear" })).toBeNull();
    expect(note({ confidence: "tie", tippedByRecord: false })).toBe("a tie");
    expect(note({ confidence: "close", tippedByRecord: false })).toBe("a close call");
    expect(note({ confidence: "close", tippedByRecord: true })).toBe("close, tipped by your record");
    expect(
      toDashboardView("x", { ...empty, latestChoice: { id: "c1", result: { ...base, recommendation: "django" } } }).choice,
    ).toMatchObject({
      framework: "Django",
      href: "/chooser/results/c1",
    });
  });

  it("names a project by its idea, with the milestones ticked of all", () => {
    // The fixture course has no project ideas: one is added to this test file's copy of it.
    const idea = { id: "notes-api", title: "A notes API", milestones: [{ id: "m1" }, { id: "m2" }, { id: "m3" }] };
    course.projects.set(idea.id, idea as never);
    try {
      const view = toDashboardView("x", { ...empty, projects: [{ projectId: idea.id, doneMilestoneIds: ["m1", "m3"] }] });
      expect(view.projects).toEqual([{ title: "A notes API", href: "/projects/notes-api", done: 2, total: 3 }]);
    } finally {
      course.projects.delete(idea.id);
    }
  });

  it("keeps a quiz whose lesson left the course, unlinked, and drops a project that left it", () => {
    const view = toDashboardView("x", {
      ...empty,
      overview: { tracks: [], quizzes: [{ quizId: "gone-quiz", lessonId: "gone-lesson", attempts: 2, best: 0.875, mastered: true }] },
      projects: [{ projectId: "gone-project", doneMilestoneIds: ["m1"] }],
    });
    expect(view.quizzes).toEqual([{ quizId: "gone-quiz", lesson: "gone-lesson", href: null, percent: 88, attempts: 2, mastered: true }]);
    expect(view.projects).toEqual([]);
  });
});
