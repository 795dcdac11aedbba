import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { MASTERY_THRESHOLD } from "@/lib/quiz/grade";
import { decodeQuizResults } from "@/lib/records";

// Summary rows for the cohort dashboard (LessonSummary, ActivityDay, QuizFirstAnswer): one row per
// learner and lesson, one per learner, day and track, one per question of a learner's first attempt
// at a lesson's quiz. Every write to LessonProgress, QuizAttempt and ExerciseSubmission
// sends its row together with the statements below in one transaction, so the dashboard reads a
// fixed number of rows per learner however many attempts there were. Each statement is an atomic
// increment, a conditional update ("set best = x where best < x") or a conditional insert or delete
// of first answers, so two writes running at once cannot lose each other's changes. recomputeSummaries() derives the same rows from the raw ones:
// the property test compares the two, and the bench and tests seed with it.
// See docs/decisions/0018-cohort-summary-rows.md and 0020-first-answers-as-rows.md.

type Statement = Prisma.PrismaPromise<unknown>;

export interface FirstAnswerRow {
  userId: string;
  lessonId: string;
  questionId: string;
  correct: boolean;
}

/** Pure: the rows an attempt's results (QuizAttempt.results) give, a question listed twice once. */
export function firstAnswersOf(userId: string, lessonId: string, results: string): FirstAnswerRow[] {
  const seen = new Set<string>();
  return decodeQuizResults(results).flatMap(({ questionId, correct }) => {
    if (seen.has(questionId)) return [];
    seen.add(questionId);
    return [{ userId, lessonId, questionId, correct }];
  });
}

/**
 * Inserts the attempt's answers unless the learner already has first answers in this lesson (the
 * delete sent before it has removed them when this attempt turned out to be earlier). One statement, so
 * the check and the insert see the same rows. Raw SQL because Prisma has no conditional insert; the
 * same text works on SQLite and PostgreSQL (TRUE/FALSE literals, no boolean parameters, which the two
 * drivers bind differently). ON CONFLICT: two first attempts committing at once on PostgreSQL may
 * both find no rows; the second then adds only the questions the first did not ask, instead of
 * failing the learner's submission.
 */
function insertFirstAnswers(userId: string, lessonId: string, results: string): Statement[] {
  const rows = firstAnswersOf(userId, lessonId, results);
  if (!rows.length) return [];
  const values = Prisma.join(
    rows.map(
      (row) =>
        Prisma.sql`SELECT CAST(${row.questionId} AS TEXT) AS "questionId", ${row.correct ? Prisma.raw("TRUE") : Prisma.raw("FALSE")} AS "correct"`,
    ),
    " UNION ALL ",
  );
  return [
    db.$executeRaw`
      INSERT INTO "QuizFirstAnswer" ("userId", "lessonId", "questionId", "correct")
      SELECT CAST(${userId} AS TEXT), CAST(${lessonId} AS TEXT), a."questionId", a."correct" FROM (${values}) a
      WHERE NOT EXISTS (SELECT 1 FROM "QuizFirstAnswer" f WHERE f."userId" = ${userId} AND f."lessonId" = ${lessonId})
      ON CONFLICT DO NOTHING`,
  ];
}

const key = (userId: string, lessonId: string) => ({ userId_lessonId: { userId, lessonId } });

/** The UTC day an event counts in on the activity chart. */
export function activityDayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function countActivity(userId: string, trackId: string, at: Date): Statement {
  const day = activityDayOf(at);
  return db.activityDay.upsert({
    where: { userId_day_trackId: { userId, day, trackId } },
    create: { userId, day, trackId, events: 1 },
    update: { events: { increment: 1 } },
  });
}

/** To send with the LessonProgress insert. */
export function lessonCompletedWrites(userId: string, lesson: { id: string; trackId: string }, completedAt: Date): Statement[] {
  return [
    db.lessonSummary.upsert({
      where: key(userId, lesson.id),
      create: { userId, lessonId: lesson.id, trackId: lesson.trackId, completedAt },
      update: { completedAt },
    }),
  ];
}

/** To send with the LessonProgress delete. */
export function lessonIncompleteWrites(userId: string, lessonId: string): Statement[] {
  return [db.lessonSummary.updateMany({ where: { userId, lessonId }, data: { completedAt: null } })];
}

/** To send with a QuizAttempt insert (the attempt's createdAt must be `at`). */
export function quizAttemptWrites(attempt: {
  userId: string;
  lessonId: string;
  trackId: string;
  score: number;
  results: string;
  at: Date;
}): Statement[] {
  const { userId, lessonId, trackId, score, results, at } = attempt;
  const failed = score < MASTERY_THRESHOLD ? 1 : 0;
  // The activity counter first: on PostgreSQL its trigger locks the cohort's activity rows, and a learner
  // joining or leaving locks those before the question tallies, so every transaction takes them in that
  // order (the other way round, a first attempt and a join deadlocked).
  return [
    countActivity(userId, trackId, at),
    db.lessonSummary.upsert({
      where: key(userId, lessonId),
      create: {
        userId,
        lessonId,
        trackId,
        quizAttempts: 1,
        quizFailures: failed,
        quizBest: score,
        quizLastAt: at,
        quizFirstAt: at,
      },
      update: { quizAttempts: { increment: 1 }, quizFailures: { increment: failed } },
    }),
    db.lessonSummary.updateMany({
      where: { userId, lessonId, OR: [{ quizBest: null }, { quizBest: { lt: score } }] },
      data: { quizBest: score },
    }),
    db.lessonSummary.updateMany({
      where: { userId, lessonId, OR: [{ quizLastAt: null }, { quizLastAt: { lt: at } }] },
      data: { quizLastAt: at },
    }),
    // An earlier attempt committing after a later one (two tabs, a slow request) becomes the first:
    // the later one's answers go before quizFirstAt moves back to it.
    db.quizFirstAnswer.deleteMany({ where: { userId, lessonId, summary: { quizFirstAt: { gt: at } } } }),
    db.lessonSummary.updateMany({
      where: { userId, lessonId, OR: [{ quizFirstAt: null }, { quizFirstAt: { gt: at } }] },
      data: { quizFirstAt: at },
    }),
    ...insertFirstAnswers(userId, lessonId, results),
  ];
}

/** To send with an ExerciseSubmission insert (the submission's createdAt must be `at`). */
export function submissionWrites(submission: {
  userId: string;
  lessonId: string;
  trackId: string;
  verdict: string;
  at: Date;
}): Statement[] {
  const { userId, lessonId, trackId, verdict, at } = submission;
  const failed = verdict === "PASS" ? 0 : 1;
  return [
    db.lessonSummary.upsert({
      where: key(userId, lessonId),
      create: { userId, lessonId, trackId, submissions: 1, exerciseFailures: failed, exerciseVerdict: verdict, exerciseLastAt: at },
      update: { submissions: { increment: 1 }, exerciseFailures: { increment: failed } },
    }),
    // A pass sticks; otherwise the latest verdict shows. Runs before exerciseLastAt moves to `at`.
    verdict === "PASS"
      ? db.lessonSummary.updateMany({ where: { userId, lessonId }, data: { exerciseVerdict: "PASS" } })
      : db.lessonSummary.updateMany({
          where: {
            userId,
            lessonId,
            AND: [
              { OR: [{ exerciseVerdict: null }, { exerciseVerdict: { not: "PASS" } }] },
              { OR: [{ exerciseLastAt: null }, { exerciseLastAt: { lte: at } }] },
            ],
          },
          data: { exerciseVerdict: verdict },
        }),
    db.lessonSummary.updateMany({
      where: { userId, lessonId, OR: [{ exerciseLastAt: null }, { exerciseLastAt: { lt: at } }] },
      data: { exerciseLastAt: at },
    }),
    countActivity(userId, trackId, at),
  ];
}

export interface SummaryRow {
  userId: string;
  lessonId: string;
  trackId: string;
  completedAt: Date | null;
  quizAttempts: number;
  quizFailures: number;
  quizBest: number | null;
  quizLastAt: Date | null;
  quizFirstAt: Date | null;
  submissions: number;
  exerciseFailures: number;
  exerciseVerdict: string | null;
  exerciseLastAt: Date | null;
}

export interface ActivityDayRow {
  userId: string;
  day: string;
  trackId: string;
  events: number;
}

export interface RawRows {
  lessons: { userId: string; lessonId: string; trackId: string; completedAt: Date }[];
  attempts: { userId: string; lessonId: string; trackId: string; score: number; results: string; createdAt: Date }[];
  submissions: { userId: string; lessonId: string; trackId: string; verdict: string; createdAt: Date }[];
}

/**
 * Pure: the summary rows the raw rows imply. Attempts and submissions in the order they were
 * written (oldest first); on equal times the earlier one counts as first. The first answers are the
 * first attempt's results (every graded attempt has at least one: a quiz asks one question or more).
 */
export function recomputeSummaries(raw: RawRows): { summaries: SummaryRow[]; activity: ActivityDayRow[]; firstAnswers: FirstAnswerRow[] } {
  const rows = new Map<string, SummaryRow>();
  const rowOf = (userId: string, lessonId: string, trackId: string): SummaryRow => {
    const id = `${userId}\u0000${lessonId}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        userId,
        lessonId,
        trackId,
        completedAt: null,
        quizAttempts: 0,
        quizFailures: 0,
        quizBest: null,
        quizLastAt: null,
        quizFirstAt: null,
        submissions: 0,
        exerciseFailures: 0,
        exerciseVerdict: null,
        exerciseLastAt: null,
      };
      rows.set(id, row);
    }
    return row;
  };
  const days = new Map<string, ActivityDayRow>();
  const count = (userId: string, trackId: string, at: Date) => {
    const day = activityDayOf(at);
    const id = `${userId}\u0000${day}\u0000${trackId}`;
    const entry = days.get(id) ?? { userId, day, trackId, events: 0 };
    entry.events += 1;
    days.set(id, entry);
  };
  const later = (a: Date | null, b: Date) => (a && a.getTime() >= b.getTime() ? a : b);
  const firstResults = new Map<string, { userId: string; lessonId: string; results: string }>();
  for (const lesson of raw.lessons) rowOf(lesson.userId, lesson.lessonId, lesson.trackId).completedAt = lesson.completedAt;
  for (const attempt of raw.attempts) {
    const row = rowOf(attempt.userId, attempt.lessonId, attempt.trackId);
    row.quizAttempts += 1;
    if (attempt.score < MASTERY_THRESHOLD) row.quizFailures += 1;
    row.quizBest = Math.max(row.quizBest ?? -Infinity, attempt.score);
    row.quizLastAt = later(row.quizLastAt, attempt.createdAt);
    if (!row.quizFirstAt || attempt.createdAt < row.quizFirstAt) {
      row.quizFirstAt = attempt.createdAt;
      firstResults.set(`${attempt.userId}\u0000${attempt.lessonId}`, attempt);
    }
    count(attempt.userId, attempt.trackId, attempt.createdAt);
  }
  for (const submission of raw.submissions) {
    const row = rowOf(submission.userId, submission.lessonId, submission.trackId);
    row.submissions += 1;
    if (submission.verdict !== "PASS") row.exerciseFailures += 1;
    const latest = !row.exerciseLastAt || submission.createdAt >= row.exerciseLastAt;
    if (row.exerciseVerdict !== "PASS" && (latest || submission.verdict === "PASS")) row.exerciseVerdict = submission.verdict;
    row.exerciseLastAt = later(row.exerciseLastAt, submission.createdAt);
    count(submission.userId, submission.trackId, submission.createdAt);
  }
  return {
    summaries: [...rows.values()],
    activity: [...days.values()],
    firstAnswers: [...firstResults.values()].flatMap((first) => firstAnswersOf(first.userId, first.lessonId, first.results)),
  };
}

/**
 * Rewrites the summary rows of these learners from their raw rows: for rows inserted around the
 * write paths (bulk seeds, tests, a repair after editing rows by hand). The migration that created
 * the tables did the same for the rows that existed then, in SQL.
 */
export async function rebuildSummaries(userIds: string[]): Promise<void> {
  // In slices: SQLite takes at most 999 values in one IN list.
  for (let i = 0; i < userIds.length; i += 500) await rebuildSlice(userIds.slice(i, i + 500));
}

async function rebuildSlice(userIds: string[]): Promise<void> {
  const where = { userId: { in: userIds } };
  const [lessons, attempts, submissions] = await Promise.all([
    db.lessonProgress.findMany({ where, select: { userId: true, lessonId: true, trackId: true, completedAt: true } }),
    db.quizAttempt.findMany({
      where,
      select: { userId: true, lessonId: true, trackId: true, score: true, results: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.exerciseSubmission.findMany({
      where,
      select: { userId: true, lessonId: true, trackId: true, verdict: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const { summaries, activity, firstAnswers } = recomputeSummaries({ lessons, attempts, submissions });
  await db.$transaction([
    db.quizFirstAnswer.deleteMany({ where }),
    db.lessonSummary.deleteMany({ where }),
    db.activityDay.deleteMany({ where }),
    db.lessonSummary.createMany({ data: summaries }),
    db.quizFirstAnswer.createMany({ data: firstAnswers }),
    db.activityDay.createMany({ data: activity }),
  ]);
}
