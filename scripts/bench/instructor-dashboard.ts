// npx tsx --conditions=react-server scripts/bench/instructor-dashboard.ts [learners=1000]
// Seeds a cohort of N learners with full progress in every lesson of the course (lessons/, or
// CONTENT_DIR) into a fresh temporary SQLite database (the first 100 through Prisma, the rest as SQL
// copies of them: see cloneLearners), then builds the cohort dashboard's first page and the CSV
// export and prints how long each took and how many SQL statements each sent, next to a reference
// measured in the same run: reading the cohort's raw progress rows (every attempt and submission, as
// the dashboard did before summary rows) and recomputing the summaries from them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

const root = path.resolve(__dirname, "../..");
const size = Number(process.argv[2] ?? 1000);
const CHUNK = 2000;
/** Learners seeded row by row; the rest of the cohort copies them (10,000 took 20 minutes the slow way). */
const TEMPLATES = 100;
const learnerId = (i: number) => `benchlearner${String(i).padStart(5, "0")}`;

/**
 * Learners TEMPLATES..size-1 as copies of learners 0..TEMPLATES-1, in SQL: learner i gets every row of
 * learner i mod TEMPLATES (the same days as that learner), with new ids. The
 * enrollments go last, so the tally triggers count the copied first answers as a learner joining does.
 */
async function cloneLearners(db: PrismaClient, size: number) {
  if (size <= TEMPLATES) return;
  const copies = Math.ceil(size / TEMPLATES) - 1;
  const tables = [
    "User",
    "LessonProgress",
    "QuizAttempt",
    "ExerciseSubmission",
    "LessonSummary",
    "QuizFirstAnswer",
    "ActivityDay",
    "ChooserResult",
    "Enrollment",
  ];
  await db.$executeRawUnsafe(
    `CREATE TEMP TABLE k AS WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${copies}) SELECT n FROM c`,
  );
  for (const table of tables) {
    const columns = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`)).map((c) => c.name);
    const owner = table === "User" ? "id" : "userId";
    const number = `CAST(substr(t."${owner}", 13) AS INTEGER) + ${TEMPLATES} * k.n`;
    const newId = `'benchlearner' || printf('%05d', ${number})`;
    const value = (column: string) => {
      if (column === owner) return newId;
      if (table === "User" && column === "email") return `${newId} || '@bench.test'`;
      if (table === "User" && column === "name") return `'Learner ' || (${number})`;
      if (column === "id") return `t."id" || '-' || k.n`;
      return `t."${column}"`;
    };
    await db.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
       SELECT ${columns.map(value).join(", ")} FROM "${table}" t, temp.k k
       WHERE t."${owner}" >= '${learnerId(0)}' AND t."${owner}" <= '${learnerId(TEMPLATES - 1)}' AND ${number} < ${size}`,
    );
  }
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crossroads-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  execFileSync("node", [path.join(root, "scripts/db/migrate.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = "silent";

  // Every SQL statement is counted through Prisma's query event. lib/db reuses a client already on
  // globalThis.prisma (its development hot-reload cache), so this one is the client the dashboard uses.
  let queries = 0;
  const client = new PrismaClient({ adapter: new PrismaLibSQL({ url }), log: [{ emit: "event", level: "query" }] });
  let sqlMs = 0;
  let slowest: { ms: number; sql: string }[] = [];
  client.$on("query", (event) => {
    queries += 1;
    sqlMs += Number(event.duration);
    slowest.push({ ms: Number(event.duration), sql: event.query.replace(/\s+/g, " ").slice(0, 110) });
  });
  (globalThis as { prisma?: PrismaClient }).prisma = client;

  const { db } = await import("@/lib/db");
  if (db !== client) throw new Error("lib/db did not pick up the counting client; the query count would be wrong.");
  const { getCourse } = await import("@/lib/content/load");
  const { createCohort } = await import("@/lib/instructor/cohorts");
  const { getCohortDashboard } = await import("@/lib/instructor/dashboard");
  const { streamCohortCsv } = await import("@/lib/instructor/csv");
  const { recomputeSummaries } = await import("@/lib/instructor/summary");

  const course = getCourse();
  const lessons = [...course.lessons.values()];
  const quizzes = [...course.quizzes.values()];
  const exercises = [...course.exercises.values()];
  console.log(
    `Course: ${course.tracks.length} tracks, ${lessons.length} lessons, ${quizzes.length} quizzes, ${exercises.length} exercises.`,
  );

  const seedStarted = performance.now();
  const owner = await db.user.create({ data: { email: "owner@bench.test", name: "Bench Owner", passwordHash: "x", role: "INSTRUCTOR" } });
  const cohort = await createCohort(owner, { name: "Bench cohort", description: null, expiresInDays: null });
  const ids = Array.from({ length: Math.min(size, TEMPLATES) }, (_, i) => learnerId(i));
  const day = 86_400_000;
  const when = (i: number, j: number) => new Date(Date.now() - ((i + j) % 60) * day);
  await insertInChunks(ids, (chunk) =>
    db.user.createMany({ data: chunk.map((id, i) => ({ id, email: `${id}@bench.test`, name: `Learner ${i}`, passwordHash: "x" })) }),
  );
  await insertInChunks(ids, (chunk) => db.enrollment.createMany({ data: chunk.map((userId) => ({ cohortId: cohort.id, userId })) }));
  const lessonRows = ids.flatMap((userId, i) =>
    lessons.map((lesson, j) => ({ userId, lessonId: lesson.id, trackId: lesson.trackId, completedAt: when(i, j) })),
  );
  await insertInChunks(lessonRows, (chunk) => db.lessonProgress.createMany({ data: chunk }));
  // Two attempts per quiz: one with the first question wrong, then a perfect one.
  const attemptRows = ids.flatMap((userId, i) =>
    quizzes.flatMap((quiz, j) =>
      [0, 1].map((n) => {
        const results = quiz.questions.map((q, k) => ({ questionId: q.id, correct: n === 1 || k > 0, credit: n === 1 || k > 0 ? 1 : 0 }));
        const correct = results.filter((r) => r.correct).length;
        return {
          userId,
          trackId: quiz.trackId,
          lessonId: quiz.lessonId,
          quizId: quiz.id,
          attemptKey: `${quiz.id}-${n}`,
          answers: "{}",
          results: JSON.stringify(results),
          score: correct / results.length,
          correctCount: correct,
          questionCount: results.length,
          contentVersion: quiz.version,
          createdAt: new Date(when(i, j).getTime() + n * 60_000),
        };
      }),
    ),
  );
  await insertInChunks(attemptRows, (chunk) => db.quizAttempt.createMany({ data: chunk }));
  const submissionRows = ids.flatMap((userId, i) =>
    exercises.map((exercise, j) => ({
      userId,
      trackId: exercise.trackId,
      lessonId: exercise.lessonId,
      exerciseId: exercise.id,
      submitKey: exercise.id,
      code: exercise.solution,
      verdict: "PASS",
      engine: "server",
      result: "{}",
      passedCount: 1,
      checkCount: 1,
      createdAt: when(i, j),
    })),
  );
  await insertInChunks(submissionRows, (chunk) => db.exerciseSubmission.createMany({ data: chunk }));
  // The rows went in around the write paths: their summary rows, as the migration's backfill makes them.
  const derived = recomputeSummaries({ lessons: lessonRows, attempts: attemptRows, submissions: submissionRows });
  await insertInChunks(derived.summaries, (chunk) => db.lessonSummary.createMany({ data: chunk }));
  await insertInChunks(derived.firstAnswers, (chunk) => db.quizFirstAnswer.createMany({ data: chunk }));
  await insertInChunks(derived.activity, (chunk) => db.activityDay.createMany({ data: chunk }));
  await insertInChunks(ids, (chunk) =>
    db.chooserResult.createMany({
      data: chunk.map((userId) => ({ userId, resultKey: "r1", answers: "{}", result: "{}", recommendation: "flask" })),
    }),
  );
  await cloneLearners(db, size);
  console.log(`Seeded ${size} learners with full progress in ${Math.round(performance.now() - seedStarted)} ms.`);

  const query = { sort: "progress", activity: "day", page: 1 } as const;
  // One warm-up run, so the timing below measures the dashboard and not the content loader's first read.
  await getCohortDashboard(owner, cohort.id, query);

  queries = 0;
  sqlMs = 0;
  slowest = [];
  let started = performance.now();
  const dashboard = await getCohortDashboard(owner, cohort.id, query);
  const dashboardSlowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 4);
  const dashboardMs = Math.round(performance.now() - started);
  const dashboardQueries = queries;
  const dashboardSqlMs = Math.round(sqlMs);

  queries = 0;
  started = performance.now();
  const { stream } = await streamCohortCsv(owner, cohort.id);
  const reader = stream.getReader();
  let firstByteMs = NaN;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!bytes) firstByteMs = Math.round(performance.now() - started);
    bytes += value.length;
  }
  const csvMs = Math.round(performance.now() - started);
  const csvQueries = queries;

  // Reference: what the dashboard used to read (every progress row, attempt and submission of the
  // cohort) and the work of turning it into per-lesson summaries.
  started = performance.now();
  const inCohort = { user: { enrollments: { some: { cohortId: cohort.id } } } };
  const [rawLessons, rawAttempts, rawSubmissions] = await Promise.all([
    db.lessonProgress.findMany({ where: inCohort, select: { userId: true, lessonId: true, trackId: true, completedAt: true } }),
    db.quizAttempt.findMany({
      where: inCohort,
      select: { userId: true, lessonId: true, trackId: true, score: true, results: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.exerciseSubmission.findMany({
      where: inCohort,
      select: { userId: true, lessonId: true, trackId: true, verdict: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  recomputeSummaries({ lessons: rawLessons, attempts: rawAttempts, submissions: rawSubmissions });
  const referenceMs = Math.round(performance.now() - started);

  const ratio = (value: number) => (value / referenceMs).toPrecision(2);
  console.log(
    `Dashboard: ${dashboard.learnerCount} learners, built in ${dashboardMs} ms from ${dashboardQueries} SQL queries (${dashboardSqlMs} ms of it in SQL; ${ratio(dashboardMs)} of the reference).`,
  );
  for (const { ms, sql } of dashboardSlowest) console.log(`  ${String(ms).padStart(6)} ms  ${sql}`);
  console.log(
    `CSV export: ${bytes.toLocaleString("en")} bytes streamed, first bytes after ${firstByteMs} ms, all in ${csvMs} ms from ${csvQueries} SQL queries (${ratio(csvMs)} of the reference).`,
  );
  console.log(
    `Reference: reading the cohort's ${(rawLessons.length + rawAttempts.length + rawSubmissions.length).toLocaleString("en")} raw progress rows and summarising them: ${referenceMs} ms.`,
  );
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
