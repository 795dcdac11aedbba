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
const { createCohort, joinCohortByCode, removeLearner } = await import("@/lib/instructor/cohorts");
const { tallyFirstAttempts } = await import("@/lib/instructor/cohort-aggregates");
const { setMilestone } = await import("@/lib/projects");
const { makeUser, runnerAnswering } = await import("@/tests/setup/factories");

// The summary rows every write keeps current (lib/instructor/summary.ts) must always equal what
// recomputing from the raw rows gives: random sequences of completions, un-completions, quiz attempts
// and graded submissions by two learners, through the real write functions, with the clock moving
// between writes (sometimes across days, sometimes by a millisecond), and in a second property with
// writes committed out of time order (an earlier attempt stored after a later one: two tabs, a slow
// request), which is when a first attempt's answers (QuizFirstAnswer) get replaced. The learners also
// join and leave two cohorts between writes: each cohort's question tallies (CohortQuestionTally, kept
// by triggers) must equal a recount over its members' first answers. The per-learner totals
// (LearnerTrackTotal, kept by triggers) must equal a recount over the recomputed summary rows, and each
// cohort's activity counters (CohortActivity, kept by triggers; project milestones and chooser results are
// events too) a recount over its members' events.

const course = getCourse();
const quiz = course.quizzes.get("flask-hello-quiz")!;
const exercise = course.exercises.get("flask-hello-ex")!;
const lessons = [...course.lessons.values()].map((lesson) => ({ id: lesson.id, trackId: lesson.trackId }));
const right = { q1: "a", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] } as const;
const wrong = { q1: "b", q2: ["b"], q3: "a", q4: ["z", "x", "y"] } as const;

const op = fc.oneof(
  fc.record({ kind: fc.constant("complete" as const), learner: fc.nat(1), lesson: fc.nat(lessons.length - 1) }),
  fc.record({ kind: fc.constant("incomplete" as const), learner: fc.nat(1), lesson: fc.nat(lessons.length - 1) }),
  fc.record({ kind: fc.constant("quiz" as const), learner: fc.nat(1), wrong: fc.subarray(["q1", "q2", "q3", "q4"] as const) }),
  fc.record({ kind: fc.constant("submit" as const), learner: fc.nat(1), status: fc.constantFrom("pass", "fail", "error" as const) }),
  fc.record({ kind: fc.constant("milestone" as const), learner: fc.nat(1), milestone: fc.nat(1), done: fc.boolean() }),
  fc.record({ kind: fc.constant("choose" as const), learner: fc.nat(1) }),
  fc.record({ kind: fc.constant("join" as const), learner: fc.nat(1), cohort: fc.nat(1) }),
  fc.record({ kind: fc.constant("leave" as const), learner: fc.nat(1), cohort: fc.nat(1) }),
);
const step = fc.record({ op, advanceMs: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3 * 86_400_000 })) });
// Out of order: each write at its own second within a few days, in any order. The step's index is
// added in milliseconds so no two writes share a time (ties are ordered by id, not by commit order).
const shuffledStep = fc.record({ op, second: fc.integer({ min: 0, max: 4 * 86_400 }) });

/** Per learner and track, from summary rows: what the LearnerTrackTotal triggers must keep. */
function totalsOf(summaries: ReturnType<typeof recomputeSummaries>["summaries"]) {
  const totals = new Map<string, { userId: string; trackId: string; completed: number; lastAt: Date | null }>();
  for (const row of summaries) {
    const key = `${row.userId} ${row.trackId}`;
    const total = totals.get(key) ?? { userId: row.userId, trackId: row.trackId, completed: 0, lastAt: null };
    if (row.completedAt) total.completed += 1;
    for (const at of [row.completedAt, row.quizLastAt, row.exerciseLastAt])
      if (at && (!total.lastAt || at > total.lastAt)) total.lastAt = at;
    totals.set(key, total);
  }
  return [...totals.values()];
}

async function readBoth(userIds: string[]) {
  const where = { userId: { in: userIds } };
  const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [lessonRows, attempts, submissions, summaries, activity, firstAnswers, totals] = await Promise.all([
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
    db.quizFirstAnswer.findMany({ where }),
    db.learnerTrackTotal.findMany({ where }),
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
      firstAnswers: byKey(firstAnswers, (row) => row.userId + row.lessonId + row.questionId),
      // A track whose only rows are empty ones keeps a total of nothing.
      totals: byKey(
        totals.filter((row) => row.completed || row.lastAt),
        (row) => row.userId + row.trackId,
      ),
    },
    recomputed: {
      summaries: byKey(expected.summaries, (row) => row.userId + row.lessonId),
      activity: byKey(expected.activity, (row) => row.userId + row.day + row.trackId),
      firstAnswers: byKey(expected.firstAnswers, (row) => row.userId + row.lessonId + row.questionId),
      totals: byKey(totalsOf(expected.summaries), (row) => row.userId + row.trackId),
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

const START = new Date("2026-11-01T23:59:59.000Z").getTime();

/** Runs `ops` through the real write functions, each at the time `timeOf` gives, then compares. */
/** The cohort's question tallies as the dashboard reads them, and recounted from its members' first answers. */
async function tallies(cohortId: string, ownerId: string) {
  const rows = await db.$queryRaw<{ lessonId: string; questionId: string; answered: number | bigint; missed: number | bigint | string }[]>`
    SELECT a."lessonId" AS "lessonId", a."questionId" AS "questionId", COUNT(*) AS "answered", SUM(CASE WHEN a."correct" THEN 0 ELSE 1 END) AS "missed"
    FROM "QuizFirstAnswer" a JOIN "Enrollment" e ON e."userId" = a."userId" WHERE e."cohortId" = ${cohortId}
    GROUP BY a."lessonId", a."questionId"`;
  const order = (a: { questionId: string }, b: { questionId: string }) => a.questionId.localeCompare(b.questionId);
  return {
    stored: (await tallyFirstAttempts(cohortId, ownerId, [quiz.lessonId])).sort(order),
    recounted: rows.map((row) => ({ ...row, answered: Number(row.answered), missed: Number(row.missed) })).sort(order),
  };
}

/** The Monday of a day's week, as the activity chart's weekly buckets start. */
function mondayOf(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  return new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The cohort's activity counters (CohortActivity, kept by triggers) and a recount from its members' events:
 * per bucket (day or week, one track or all), the events and the members with any.
 */
async function cohortActivity(cohortId: string) {
  const where = { userId: { in: (await db.enrollment.findMany({ where: { cohortId } })).map((row) => row.userId) } };
  const [days, summaries, milestones, choices, stored] = await Promise.all([
    db.activityDay.findMany({ where }),
    db.lessonSummary.findMany({ where: { ...where, completedAt: { not: null } } }),
    db.projectMilestone.findMany({ where }),
    db.chooserResult.findMany({ where }),
    db.cohortActivity.findMany({ where: { cohortId }, select: { unit: true, start: true, trackId: true, events: true, learners: true } }),
  ]);
  const events = [
    ...days.map((row) => ({ userId: row.userId, day: row.day, trackId: row.trackId as string | null, count: row.events })),
    ...summaries.map((row) => ({ userId: row.userId, day: row.completedAt!.toISOString().slice(0, 10), trackId: row.trackId, count: 1 })),
    ...milestones.map((row) => ({ userId: row.userId, day: row.doneAt.toISOString().slice(0, 10), trackId: null, count: 1 })),
    ...choices.map((row) => ({ userId: row.userId, day: row.createdAt.toISOString().slice(0, 10), trackId: null, count: 1 })),
  ];
  const buckets = new Map<string, { unit: string; start: string; trackId: string; events: number; learners: Set<string> }>();
  for (const event of events) {
    for (const [unit, start] of [
      ["day", event.day],
      ["week", mondayOf(event.day)],
    ]) {
      for (const trackId of event.trackId === null ? [""] : [event.trackId, ""]) {
        const key = `${unit} ${start} ${trackId}`;
        const bucket = buckets.get(key) ?? { unit, start, trackId, events: 0, learners: new Set<string>() };
        bucket.events += event.count;
        bucket.learners.add(event.userId);
        buckets.set(key, bucket);
      }
    }
  }
  const order = (a: { unit: string; start: string; trackId: string }, b: typeof a) =>
    `${a.unit} ${a.start} ${a.trackId}`.localeCompare(`${b.unit} ${b.start} ${b.trackId}`);
  return {
    // A bucket whose members all left, or whose events were all taken back, stays at zero.
    stored: stored.filter((row) => row.events || row.learners).sort(order),
    recounted: [...buckets.values()].map(({ learners, ...bucket }) => ({ ...bucket, learners: learners.size })).sort(order),
  };
}

async function writeAndCompare(run: number, ops: { op: typeof op extends fc.Arbitrary<infer T> ? T : never; at: number }[]) {
  const learners = [await makeUser("LEARNER", `A${run}`), await makeUser("LEARNER", `B${run}`)];
  const owner = await makeUser("INSTRUCTOR", `I${run}`);
  const viewer = { id: owner.id, role: "INSTRUCTOR" as const };
  const cohorts = [
    await createCohort(viewer, { name: `C${run}a`, description: null, expiresInDays: null }),
    await createCohort(viewer, { name: `C${run}b`, description: null, expiresInDays: null }),
  ];
  vi.useFakeTimers({ toFake: ["Date"], now: START });
  try {
    for (const [i, { op, at }] of ops.entries()) {
      vi.setSystemTime(at);
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
      } else if (op.kind === "submit") await submitExercise(userId, exercise, "app = 1", `run${run}-${i}`, runnerAnswering(op.status));
      else if (op.kind === "milestone") await setMilestone(userId, { id: "p1", track: "flask" }, `m${op.milestone}`, op.done);
      // The triggers count any write path: a bare row stands in for a scored chooser result.
      else if (op.kind === "choose")
        await db.chooserResult.create({
          data: { userId, resultKey: `run${run}-${i}`, answers: "{}", result: "{}", recommendation: "flask" },
        });
      else if (op.kind === "join") await joinCohortByCode(userId, cohorts[op.cohort].inviteCode, new Date(at));
      else await removeLearner(viewer, cohorts[op.cohort].id, userId).catch(() => undefined); // not a member: nothing to remove
    }
  } finally {
    vi.useRealTimers();
  }
  const { stored, recomputed } = await readBoth(learners.map((learner) => learner.id));
  expect(stored).toEqual(recomputed);
  for (const cohort of cohorts) {
    const counts = await tallies(cohort.id, owner.id);
    expect(counts.stored).toEqual(counts.recounted);
    const activity = await cohortActivity(cohort.id);
    expect(activity.stored).toEqual(activity.recounted);
  }
  return stored;
}

describe("summary rows", () => {
  it("equal what recomputing from the raw rows gives, after any sequence of writes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        run += 1;
        let at = START;
        await writeAndCompare(
          run,
          steps.map(({ op, advanceMs }) => ({ op, at: (at += advanceMs) })),
        );
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it("equal what recomputing gives when writes commit out of time order", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(shuffledStep, { minLength: 1, maxLength: 25 }), async (steps) => {
        run += 1;
        await writeAndCompare(
          1000 + run,
          steps.map(({ op, second }, i) => ({ op, at: START + second * 1000 + i })),
        );
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it("keep the first attempt's answers, and replace them when an earlier attempt commits later", async () => {
    const learner = await makeUser("LEARNER");
    const onlyQ1Wrong = { ...right, q1: wrong.q1 };
    const onlyQ3Wrong = { ...right, q3: wrong.q3 };
    const answers = () => db.quizFirstAnswer.findMany({ where: { userId: learner.id }, orderBy: { questionId: "asc" } });
    vi.useFakeTimers({ toFake: ["Date"], now: START + 60_000 });
    try {
      await recordQuizAttempt(learner.id, quiz, "first-1", onlyQ1Wrong as never);
      vi.setSystemTime(START + 120_000);
      await recordQuizAttempt(learner.id, quiz, "first-2", right as never);
      expect((await answers()).map((row) => [row.questionId, row.correct])).toEqual([
        ["q1", false],
        ["q2", true],
        ["q3", true],
        ["q4", true],
      ]);
      vi.setSystemTime(START);
      await recordQuizAttempt(learner.id, quiz, "first-0", onlyQ3Wrong as never);
    } finally {
      vi.useRealTimers();
    }
    expect((await answers()).map((row) => [row.questionId, row.correct])).toEqual([
      ["q1", true],
      ["q2", true],
      ["q3", false],
      ["q4", true],
    ]);
  });

  it("disappear with the learner", async () => {
    const learner = await makeUser("LEARNER");
    await recordLessonComplete(learner.id, lessons[0]);
    await recordQuizAttempt(learner.id, quiz, "gone-1", right as never);
    await db.user.delete({ where: { id: learner.id } });
    expect(await db.lessonSummary.count({ where: { userId: learner.id } })).toBe(0);
    expect(await db.activityDay.count({ where: { userId: learner.id } })).toBe(0);
    expect(await db.quizFirstAnswer.count({ where: { userId: learner.id } })).toBe(0);
    expect(await db.learnerTrackTotal.count({ where: { userId: learner.id } })).toBe(0);
  });

  it("leave the cohort's question tallies and activity when the learner's account is deleted, and the other members' stay", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const viewer = { id: owner.id, role: "INSTRUCTOR" as const };
    const cohort = await createCohort(viewer, { name: "Tallied", description: null, expiresInDays: null });
    const [leaving, staying] = [await makeUser("LEARNER"), await makeUser("LEARNER")];
    for (const learner of [leaving, staying]) {
      await joinCohortByCode(learner.id, cohort.inviteCode);
      await recordQuizAttempt(learner.id, quiz, `tally-${learner.id}`, { ...right, q1: wrong.q1 } as never);
    }
    expect((await tallies(cohort.id, owner.id)).stored.find((row) => row.questionId === "q1")).toMatchObject({ answered: 2, missed: 2 });
    expect((await cohortActivity(cohort.id)).stored.find((row) => row.unit === "day" && row.trackId === "")).toMatchObject({ learners: 2 });
    await db.user.delete({ where: { id: leaving.id } });
    const counts = await tallies(cohort.id, owner.id);
    expect(counts.stored).toEqual(counts.recounted);
    const activity = await cohortActivity(cohort.id);
    expect(activity.stored).toEqual(activity.recounted);
    expect(activity.stored.find((row) => row.unit === "day" && row.trackId === "")).toMatchObject({ learners: 1 });
    expect(counts.stored.find((row) => row.questionId === "q1")).toMatchObject({ answered: 1, missed: 1 });
  });
});
