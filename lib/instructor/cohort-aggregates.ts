import "server-only";
import { config } from "@/lib/config";
import { db, isPostgresUrl } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// The cohort dashboard's views over the whole cohort, added up by the database: the activity chart
// (events and distinct learners per bucket, from the summary rows of lib/instructor/summary.ts), the
// first-attempt tally per quiz question (per-cohort counters kept by triggers) and per-learner totals.
// The SQL differs between SQLite and PostgreSQL only in one spot: a timestamp's UTC day. Every query
// repeats the owner check, as lib/instructor/cohort-progress.ts does.

const postgres = () => isPostgresUrl(config.DATABASE_URL);

function inCohort(cohortId: string, ownerId: string): Prisma.Sql {
  return Prisma.sql`(SELECT e."userId" FROM "Enrollment" e JOIN "Cohort" c ON c."id" = e."cohortId" WHERE e."cohortId" = ${cohortId} AND c."ownerId" = ${ownerId})`;
}

/** The UTC day (YYYY-MM-DD) of a timestamp column: Prisma stores SQLite timestamps as ISO text. */
function dayOf(column: string): Prisma.Sql {
  return postgres() ? Prisma.raw(`to_char(${column}, 'YYYY-MM-DD')`) : Prisma.raw(`substr(${column}, 1, 10)`);
}

/**
 * Events and distinct learners per bucket. `starts` are the buckets' first days (YYYY-MM-DD, oldest
 * first) and `end` the day after the last bucket. With a track, only events in that track count.
 */
export async function sumActivity(
  cohortId: string,
  ownerId: string,
  starts: string[],
  end: string,
  trackId: string | null,
): Promise<{ events: number; learners: number }[]> {
  const members = inCohort(cohortId, ownerId);
  const events = Prisma.sql`
    SELECT a."userId" AS "userId", a."day" AS "day", a."trackId" AS "trackId", a."events" AS "events" FROM "ActivityDay" a WHERE a."userId" IN ${members}
    UNION ALL SELECT s."userId", ${dayOf('s."completedAt"')}, s."trackId", 1 FROM "LessonSummary" s WHERE s."completedAt" IS NOT NULL AND s."userId" IN ${members}
    UNION ALL SELECT m."userId", ${dayOf('m."doneAt"')}, NULL, 1 FROM "ProjectMilestone" m WHERE m."userId" IN ${members}
    UNION ALL SELECT r."userId", ${dayOf('r."createdAt"')}, NULL, 1 FROM "ChooserResult" r WHERE r."userId" IN ${members}`;
  const bucket = Prisma.sql`CASE ${Prisma.join(
    starts.map((start, i) => Prisma.sql`WHEN ev."day" >= ${start} THEN ${Prisma.raw(String(i))}`).reverse(),
    " ",
  )} END`;
  const rows = await db.$queryRaw<{ bucket: number | bigint; events: number | bigint | string; learners: number | bigint }[]>`
    SELECT ${bucket} AS "bucket", SUM(ev."events") AS "events", COUNT(DISTINCT ev."userId") AS "learners"
    FROM (${events}) ev
    WHERE ev."day" >= ${starts[0]} AND ev."day" < ${end} ${trackId === null ? Prisma.empty : Prisma.sql`AND ev."trackId" = ${trackId}`}
    GROUP BY 1`;
  const out = starts.map(() => ({ events: 0, learners: 0 }));
  for (const row of rows) out[Number(row.bucket)] = { events: Number(row.events), learners: Number(row.learners) };
  return out;
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

export interface LearnerTrackTotals {
  userId: string;
  trackId: string;
  /** Lessons of `lessonIds` completed in this track. */
  completed: number;
  /** The latest completion, quiz attempt or submission in this track, counted or not. */
  lastAt: Date | null;
}

/** A MAX() over a timestamp: a Date on PostgreSQL, the stored ISO text on SQLite (the driver cannot type an aggregate). */
function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Per learner and track, from one pass over the members' summary rows (their primary key index):
 * what sorting, the progress column, the track bars and "last active" need. Replaces three Prisma
 * group-bys that each read the same rows through a join Prisma adds for relation filters.
 */
export async function sumLessonSummaries(cohortId: string, ownerId: string, lessonIds: readonly string[]): Promise<LearnerTrackTotals[]> {
  const counted = lessonIds.length ? Prisma.sql`s."lessonId" IN (${Prisma.join(lessonIds)})` : Prisma.sql`1 = 0`;
  const rows = await db.$queryRaw<
    {
      userId: string;
      trackId: string;
      completed: number | bigint | string | null;
      a: Date | string | null;
      b: Date | string | null;
      c: Date | string | null;
    }[]
  >`
    SELECT s."userId" AS "userId", s."trackId" AS "trackId",
      SUM(CASE WHEN s."completedAt" IS NOT NULL AND ${counted} THEN 1 ELSE 0 END) AS "completed",
      MAX(s."completedAt") AS "a", MAX(s."quizLastAt") AS "b", MAX(s."exerciseLastAt") AS "c"
    FROM "LessonSummary" s
    WHERE s."userId" IN ${inCohort(cohortId, ownerId)}
    GROUP BY s."userId", s."trackId"`;
  return rows.map((row) => {
    const dates = [row.a, row.b, row.c].map(toDate).filter((at): at is Date => at !== null);
    return {
      userId: row.userId,
      trackId: row.trackId,
      completed: Number(row.completed ?? 0),
      lastAt: dates.length ? new Date(Math.max(...dates.map((at) => at.getTime()))) : null,
    };
  });
}
