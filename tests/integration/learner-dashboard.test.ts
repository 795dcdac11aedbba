import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");

const { db } = await import("@/lib/db");
const { getCourse } = await import("@/lib/content/load");
const { listTracks } = await import("@/lib/content/queries");
const { getLearnerDashboard } = await import("@/lib/learner-dashboard");
const { listCompletedLessonIds, recordLessonComplete, recordLessonIncomplete } = await import("@/lib/progress");
const { listQuizStats, recordQuizAttempt } = await import("@/lib/quiz/attempts");
const { submitExercise } = await import("@/lib/exercises/submissions");
const { listExerciseStats } = await import("@/lib/exercises/stats");
const { listProjectStates, setMilestone, setRepoUrl, startProject } = await import("@/lib/projects");
const { listChooserResults, saveChooserResult } = await import("@/lib/chooser/store");
const { scoreChooser } = await import("@/lib/chooser/scoring");
const { makeUser, runnerAnswering } = await import("@/tests/setup/factories");

// The learner dashboard reads everything it shows in one query that the database packs as JSON
// (lib/learner-dashboard.ts). These tests hold it to the model reads it replaced and to counts from the
// raw rows: completions, quiz attempts, submissions, projects and chooser results written through the
// real write functions, with another learner's rows beside them.

const course = getCourse();
const [hello, routes] = [...course.lessons.values()];
const quiz = course.quizzes.get("flask-hello-quiz")!;
const exercise = course.exercises.get("flask-hello-ex")!;
const right = { q1: "a", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] };
const wrong = { q1: "b", q2: ["b"], q3: "a", q4: ["z", "x", "y"] };

/** What the dashboard shows, recounted from the raw rows and read through the model queries. */
async function recount(userId: string) {
  const [completed, quizzes, exercises, projects, [latest]] = await Promise.all([
    listCompletedLessonIds(userId),
    listQuizStats(userId),
    listExerciseStats(userId),
    listProjectStates(userId),
    listChooserResults(userId, 1),
  ]);
  const solved = new Set(exercises.filter((stats) => stats.solved).map((stats) => stats.exerciseId));
  return {
    tracks: listTracks().map((track) => ({
      trackId: track.id,
      completed: track.lessons.filter((lesson) => completed.includes(lesson.id)).length,
      quizzesMastered: track.lessons.filter((lesson) => lesson.quiz && quizzes.some((q) => q.quizId === lesson.quiz!.id && q.mastered))
        .length,
      exercisesSolved: track.lessons.filter((lesson) => lesson.exercise && solved.has(lesson.exercise.id)).length,
    })),
    quizzes: quizzes.sort((a, b) => a.quizId.localeCompare(b.quizId)),
    projects: projects.map((state) => ({ projectId: state.projectId, doneMilestoneIds: [...state.doneMilestoneIds].sort() })),
    latestChoice: latest ? { id: latest.id, result: latest.result } : null,
  };
}

async function dashboardOf(userId: string) {
  const { overview, projects, latestChoice } = await getLearnerDashboard(userId, listTracks());
  return {
    tracks: overview.tracks.map(({ trackId, completed, quizzesMastered, exercisesSolved }) => ({
      trackId,
      completed,
      quizzesMastered,
      exercisesSolved,
    })),
    quizzes: [...overview.quizzes].sort((a, b) => a.quizId.localeCompare(b.quizId)),
    projects: projects.map((state) => ({ projectId: state.projectId, doneMilestoneIds: [...state.doneMilestoneIds].sort() })),
    latestChoice,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("learner dashboard", () => {
  it("shows a new learner nothing done, every track to start, and no projects or chooser result", async () => {
    const learner = await makeUser();
    const { overview, projects, latestChoice } = await getLearnerDashboard(learner.id, listTracks());
    expect(overview.quizzes).toEqual([]);
    expect(projects).toEqual([]);
    expect(latestChoice).toBeNull();
    expect(overview.tracks.map((track) => track.trackId)).toEqual(listTracks().map((track) => track.id));
    for (const [i, track] of overview.tracks.entries()) {
      expect(track).toMatchObject({ completed: 0, quizzesMastered: 0, exercisesSolved: 0, nextLessonId: listTracks()[i].lessons[0].id });
    }
  });

  it("equals what the raw rows and the model reads give, and shows none of another learner's rows", async () => {
    const [learner, other] = [await makeUser(), await makeUser()];
    const chooser = course.chooser;
    const answers = Object.fromEntries(chooser.questions.map((question) => [question.id, question.options[0].id]));
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T10:00:00Z") });
    const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
    for (const userId of [other.id, learner.id]) {
      await recordLessonComplete(userId, hello);
      await recordLessonComplete(userId, routes);
      later(1000);
      await recordQuizAttempt(userId, quiz, `${userId}-1`, wrong as never);
      await submitExercise(userId, exercise, "app = 1", `${userId}-s1`, runnerAnswering("fail"));
      later(1000);
      await startProject(userId, { id: "p1", track: "flask" });
      later(1000);
      await setMilestone(userId, { id: "p2", track: "flask" }, "m1", true);
      await setMilestone(userId, { id: "p2", track: "flask" }, "m2", true);
      await saveChooserResult(userId, `${userId}-a`, answers, scoreChooser(chooser, answers));
      later(1000);
    }
    // Only the learner: a second attempt that masters the quiz, a passing submission, a milestone
    // unticked, the first project changed last, a newer chooser result, a lesson un-completed.
    await recordQuizAttempt(learner.id, quiz, "l-2", right as never);
    await submitExercise(learner.id, exercise, "app = 1", "l-s2", runnerAnswering("pass"));
    await setMilestone(learner.id, { id: "p2", track: "flask" }, "m1", false);
    later(1000);
    await setMilestone(learner.id, { id: "p1", track: "flask" }, "m3", true);
    await setRepoUrl(learner.id, { id: "p1", track: "flask" }, "https://example.test/p1");
    const second = { ...answers, [chooser.questions[0].id]: chooser.questions[0].options[1].id };
    await saveChooserResult(learner.id, "l-b", second, scoreChooser(chooser, second));
    await recordLessonIncomplete(learner.id, routes.id);

    const shown = await dashboardOf(learner.id);
    expect(shown).toEqual(await recount(learner.id));
    expect(shown.tracks.find((track) => track.trackId === "flask")).toEqual({
      trackId: "flask",
      completed: 1,
      quizzesMastered: 1,
      exercisesSolved: 1,
    });
    expect(shown.projects).toEqual([
      { projectId: "p1", doneMilestoneIds: ["m3"] },
      { projectId: "p2", doneMilestoneIds: ["m2"] },
    ]);
    expect(shown.latestChoice?.result.recommendation).toBe(scoreChooser(chooser, second).recommendation);
    expect(shown.quizzes).toEqual([{ quizId: quiz.id, lessonId: quiz.lessonId, attempts: 2, best: 1, mastered: true }]);

    const others = await dashboardOf(other.id);
    expect(others).toEqual(await recount(other.id));
    expect(others.tracks.find((track) => track.trackId === "flask")).toEqual({
      trackId: "flask",
      completed: 2,
      quizzesMastered: 0,
      exercisesSolved: 0,
    });
    expect(others.projects.map((state) => state.projectId)).toEqual(["p2", "p1"]);
  });

  it("shows no chooser result when the newest no longer reads as one, rather than an older one as the latest", async () => {
    const learner = await makeUser();
    const answers = Object.fromEntries(course.chooser.questions.map((question) => [question.id, question.options[0].id]));
    const older = await saveChooserResult(learner.id, "older", answers, scoreChooser(course.chooser, answers));
    expect((await getLearnerDashboard(learner.id, listTracks())).latestChoice?.id).toBe(older.id);
    await db.chooserResult.create({
      data: {
        userId: learner.id,
        resultKey: "broken",
        answers: "{}",
        result: "{}",
        recommendation: "flask",
        createdAt: new Date(Date.now() + 1000),
      },
    });
    expect((await getLearnerDashboard(learner.id, listTracks())).latestChoice).toBeNull();
  });
});
