import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { REPEATED_FAILURES } from "@/lib/instructor/cohort-progress";
import { jsonRows, parseRows, parseTimestamp } from "@/lib/sql-json";

// The cohort dashboard's views over the whole cohort, from counters the database keeps in the same
// transaction as each write (triggers): the activity chart (events and learners per bucket), the
// first-attempt tally per quiz question and per-learner totals; and the summary rows behind the at-risk
// list. Every query repeats the owner check, as lib/instructor/cohort-progress.ts does.

function inCohort(cohortId: string, ownerId: string): Prisma.Sql {
  return Prisma.sql`(SELECT e."userId" FROM "Enrollment" e JOIN "Cohort" c ON c."id" = e."cohortId" WHERE e."cohortId" = ${cohortId} AND c."ownerId" = ${ownerId})`;
}

/**
 * Events and learners per bucket of the activity chart (`unit` day or week, `starts` the buckets' first
 * days, weeks from Monday), for one track or all: the cohort's CohortActivity rows, which database triggers
 * keep current (docs/decisions/0027-learner-track-totals.md), so the cost is the number of buckets.
 */
export async function sumActivity(
  cohortId: string,
  ownerId: string,
  unit: "day" | "week",
  starts: string[],
  trackId: string | null,
): Promise<{ events: number; learners: number }[]> {
  const rows = await db.cohortActivity.findMany({
    where: { cohortId, cohort: { ownerId }, unit, trackId: trackId ?? "", start: { in: starts } },
    select: { start: true, events: true, learners: true },
  });
  const byStart = new Map(rows.map((row) => [row.start, row]));
  return starts.map((start) => ({ events: byStart.get(start)?.events ?? 0, learners: byStart.get(start)?.learners ?? 0 }));
}

export interface QuestionTally {
  lessonId: string;
  questionId: string;
  /** Learners whose first attempt at the quiz asked this question. */
  answered: number;
  missed: number;
}

/**
 * Per question, over the members' first attempts at the quizzes of `lessonIds`: the cohort's
 * CohortQuestionTally rows, which database triggers keep current (docs/decisions/0024-cohort-question-tallies.md),
 * so the cost is the number of questions, not of learners.
 */
export async function tallyFirstAttempts(cohortId: string, ownerId: string, lessonIds: readonly string[]): Promise<QuestionTally[]> {
  if (!lessonIds.length) return [];
  const rows = await db.$queryRaw<{ lessonId: string; questionId: string; answered: number | bigint; missed: number | bigint }[]>`
    SELECT t."lessonId" AS "lessonId", t."questionId" AS "questionId", t."answered" AS "answered", t."missed" AS "missed"
    FROM "CohortQuestionTally" t JOIN "Cohort" c ON c."id" = t."cohortId"
    WHERE t."cohortId" = ${cohortId} AND c."ownerId" = ${ownerId} AND t."answered" > 0 AND t."lessonId" IN (${Prisma.join(lessonIds)})`;
  return rows.map((row) => ({
    lessonId: row.lessonId,
    questionId: row.questionId,
    answered: Number(row.answered),
    missed: Number(row.missed),
  }));
}

export interface MemberKeys {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  /** Lessons completed in the tracks of `trackIds`. */
  completed: number;
  /** The latest completion, quiz attempt, submission, milestone or chooser result, in any track. */
  lastActiveAt: Date | null;
}

/**
 * One entry per member: what sorting the cohort and the at-risk list need, from the LearnerTrackTotal rows
 * that database triggers keep current (docs/decisions/0027-learner-track-totals.md) and the latest
 * milestone and chooser result (through their userId indexes). The database packs the entries into one
 * JSON array: at 10,000 members the driver took longer to turn rows into objects than the database took
 * to find them. A lesson since removed from the course still counts.
 */
export async function readMemberKeys(cohortId: string, ownerId: string, trackIds: readonly string[]): Promise<MemberKeys[]> {
  const inView = trackIds.length ? Prisma.sql`t."trackId" IN (${Prisma.join(trackIds)})` : Prisma.sql`1 = 0`;
  const entry = Prisma.sql`u."id", u."name", u."email", e."joinedAt",
      (SELECT SUM(t."completed") FROM "LearnerTrackTotal" t WHERE t."userId" = u."id" AND ${inView}),
      (SELECT MAX(t."lastAt") FROM "LearnerTrackTotal" t WHERE t."userId" = u."id"),
      (SELECT MAX(m."doneAt") FROM "ProjectMilestone" m WHERE m."userId" = u."id"),
      (SELECT MAX(r."createdAt") FROM "ChooserResult" r WHERE r."userId" = u."id")`;
  const [{ rows }] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT ${jsonRows(entry)} AS "rows"
    FROM "Enrollment" e JOIN "Cohort" co ON co."id" = e."cohortId" JOIN "User" u ON u."id" = e."userId"
    WHERE e."cohortId" = ${cohortId} AND co."ownerId" = ${ownerId}`;
  return parseRows<[string, string, string, string, number | null, ...(string | null)[]]>(rows).map(
    ([userId, name, email, joinedAt, completed, ...activity]) => {
      const dates = activity.map(parseTimestamp).filter((at): at is Date => at !== null);
      return {
        userId,
        name,
        email,
        joinedAt: parseTimestamp(joinedAt)!,
        completed: Number(completed ?? 0),
        lastActiveAt: dates.length ? new Date(Math.max(...dates.map((at) => at.getTime()))) : null,
      };
    },
  );
}

/** Lessons completed per track, over the members (the track bars): from the same LearnerTrackTotal rows. */
export async function sumTrackCompletions(cohortId: string, ownerId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ trackId: string; completed: number | bigint | string | null }[]>`
    SELECT t."trackId" AS "trackId", SUM(t."completed") AS "completed"
    FROM "LearnerTrackTotal" t WHERE t."userId" IN ${inCohort(cohortId, ownerId)} GROUP BY t."trackId"`;
  return new Map(rows.map((row) => [row.trackId, Number(row.completed ?? 0)]));
}

export interface RepeatedFailures {
  userId: string;
  lessonId: string;
  quizFailures: number;
  quizBest: number | null;
  exerciseFailures: number;
  exerciseVerdict: string | null;
}

/**
 * The members' summary rows with REPEATED_FAILURES or more failed quiz attempts or submissions: what the
 * at-risk list needs. The WHERE repeats the partial index's word for word (the threshold as a literal,
 * not a parameter), so the database reads that small index instead of every member's rows.
 */
export async function listRepeatedFailures(cohortId: string, ownerId: string): Promise<RepeatedFailures[]> {
  const threshold = Prisma.raw(String(REPEATED_FAILURES));
  const rows = await db.$queryRaw<RepeatedFailures[]>`
    SELECT s."userId" AS "userId", s."lessonId" AS "lessonId", s."quizFailures" AS "quizFailures", s."quizBest" AS "quizBest",
      s."exerciseFailures" AS "exerciseFailures", s."exerciseVerdict" AS "exerciseVerdict"
    FROM "LessonSummary" s
    WHERE ("quizFailures" >= ${threshold} OR "exerciseFailures" >= ${threshold}) AND s."userId" IN ${inCohort(cohortId, ownerId)}
    ORDER BY s."lessonId"`;
  return rows.map((row) => ({
    ...row,
    quizFailures: Number(row.quizFailures),
    exerciseFailures: Number(row.exerciseFailures),
    quizBest: row.quizBest === null ? null : Number(row.quizBest),
  }));
}
