import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";

process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");

const { db } = await import("@/lib/db");
const { getCourse } = await import("@/lib/content/load");
const { recordLessonComplete, recordLessonIncomplete } = await import("@/lib/progress");
const { recordQuizAttempt } = await import("@/lib/quiz/attempts");
const { submitExercise } = await import("@/lib/exercises/submissions");
const { recomputeSummaries } = await import("@/lib/instructor/summary");
const { makeUser } = await import("@/tests/setup/factories");
type RunResult = import("@/lib/runner/types").RunResult;

// The summary rows every write keeps current (lib/instructor/summary.ts) must always equal what
// recomputing from the raw rows gives: random sequences of completions, un-completions, quiz attempts
// and graded submissions by two learners, through the real write functions, with the clock moving
// between writes (sometimes across days, sometimes by a millisecond).

const course = getCourse();
const quiz = course.quizzes.get("flask-hello-quiz")!;
const exercise = course.exercises.get("flask-hello-ex")!;
const lessons = [...course.lessons.values()].map((lesson) => ({ id: lesson.id, trackId: lesson.trackId }));
const right = { q1: "a", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] } as const;
const wrong = { q1: "b", q2: ["b"], q3: "a", q4: ["z", "x", "y"] } as const;

function runnerAnswering(status: RunResult["status"]) {
  return {
    run: async (): Promise<RunResult> => ({
      status,
      phase: "checks",
      message: status,
      traceback: "",
      output: "",
      checks: [{ name: "c1", title: "Check", status: status === "pass" ? "pass" : "fail", message: "", traceback: "", output: "" }],
      engine: "server",
      durationMs: 1,
    }),
  };
}

const op = fc.oneof(
  fc.record({ kind: fc.constant("complete" as const), learner: fc.nat(1), lesson: fc.nat(lessons.length - 1) }),
  fc.record({ kind: fc.constant("incomplete" as const), learner: fc.nat(1), lesson: fc.nat(lessons.length - 1) }),
  fc.record({ kind: fc.constant("quiz" as const), learner: fc.nat(1), wrong: fc.subarray(["q1", "q2", "q3", "q4"] as const) }),
  fc.record({ kind: fc.constant("submit" as const), learner: fc.nat(1), status: fc.constantFrom("pass", "fail", "error" as const) }),
);
const step = fc.record({ op, advanceMs: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3 * 86_400_000 })) });

async function readBoth(userIds: string[]) {
  const where = { userId: { in: userIds } };
  const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [lessonRows, attempts, submissions, summaries, activity] = await Promise.all([
    db.lessonProgress.findMany({ where, select: { userId: true, lessonId: true, trackId: true, completedAt: true } }),
    db.quizAttempt.findMany({
      where,
      orderBy: order,
      select: { userId: true, lessonId: true, trackId: true, score: true, results: true, createdAt: true },
    }),
    db.exerciseSubmission.findMany({
      where,
      orderBy: order,
      select: { userId: true, lessonId: true, trackId: true, verdict: true, createdAt: true },
    }),
    db.lessonSummary.findMany({ where }),
    db.activityDay.findMany({ where }),
  ]);
  const expected = recomputeSummaries({ lessons: lessonRows, attempts, submissions });
  // A lesson completed and then un-completed, with nothing else in it, keeps an empty row.
  const empty = (row: { completedAt: Date | null; quizAttempts: number; submissions: number }) =>
    !row.completedAt && !row.quizAttempts && !row.submissions;
  const byKey = <T extends { userId: string }>(rows: T[], key: (row: T) => string) =>
    [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    stored: {
      summaries: byKey(
        summaries.filter((row) => !empty(row)),
        (row) => row.userId + row.lessonId,
      ),
      activity: byKey(activity, (row) => row.userId + row.day + row.trackId),
    },
    recomputed: {
      summaries: byKey(expected.summaries, (row) => row.userId + row.lessonId),
      activity: byKey(expected.activity, (row) => row.userId + row.day + row.trackId),
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("summary rows", () => {
  it("equal what recomputing from the raw rows gives, after any sequence of writes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        run += 1;
        const learners = [await makeUser("LEARNER", `A${run}`), await makeUser("LEARNER", `B${run}`)];
        vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-01T23:59:59.000Z") });
        try {
          for (const [i, { op, advanceMs }] of steps.entries()) {
            vi.setSystemTime(Date.now() + advanceMs);
            const userId = learners[op.learner].id;
            if (op.kind === "complete") await recordLessonComplete(userId, lessons[op.lesson]);
            else if (op.kind === "incomplete") await recordLessonIncomplete(userId, lessons[op.lesson].id);
            else if (op.kind === "quiz") {
              const answers = Object.fromEntries(
                Object.entries(right).map(([id, answer]) => [
                  id,
                  (op.wrong as readonly string[]).includes(id) ? wrong[id as keyof typeof wrong] : answer,
                ]),
              );
              await recordQuizAttempt(userId, quiz, `run${run}-${i}`, answers as never);
            } else await submitExercise(userId, exercise, "app = 1", `run${run}-${i}`, runnerAnswering(op.status));
          }
        } finally {
          vi.useRealTimers();
        }
        const { stored, recomputed } = await readBoth(learners.map((learner) => learner.id));
        expect(stored).toEqual(recomputed);
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it("disappear with the learner", async () => {
    const learner = await makeUser("LEARNER");
    await recordLessonComplete(learner.id, lessons[0]);
    await recordQuizAttempt(learner.id, quiz, "gone-1", right as never);
    await db.user.delete({ where: { id: learner.id } });
    expect(await db.lessonSummary.count({ where: { userId: learner.id } })).toBe(0);
    expect(await db.activityDay.count({ where: { userId: learner.id } })).toBe(0);
  });
});
