// npx tsx --conditions=react-server scripts/bench/instructor-dashboard.ts [learners=1000]
// Seeds a cohort of N learners with full progress in every lesson of the course (lessons/, or
// CONTENT_DIR) into a fresh temporary SQLite database, then builds the cohort dashboard and the CSV
// export and prints how long each took and how many SQL statements each sent.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";

const root = path.resolve(__dirname, "../..");
const size = Number(process.argv[2] ?? 1000);
const CHUNK = 2000;

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
  client.$on("query", () => {
    queries += 1;
  });
  (globalThis as { prisma?: PrismaClient }).prisma = client;

  const { db } = await import("@/lib/db");
  if (db !== client) throw new Error("lib/db did not pick up the counting client; the query count would be wrong.");
  const { getCourse } = await import("@/lib/content/load");
  const { createCohort } = await import("@/lib/instructor/cohorts");
  const { getCohortDashboard } = await import("@/lib/instructor/dashboard");
  const { buildCohortCsv } = await import("@/lib/instructor/csv");

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
  const ids = Array.from({ length: size }, (_, i) => `benchlearner${String(i).padStart(5, "0")}`);
  const day = 86_400_000;
  const when = (i: number, j: number) => new Date(Date.now() - ((i + j) % 60) * day);
  await insertInChunks(ids, (chunk) =>
    db.user.createMany({ data: chunk.map((id, i) => ({ id, email: `${id}@bench.test`, name: `Learner ${i}`, passwordHash: "x" })) }),
  );
  await insertInChunks(ids, (chunk) => db.enrollment.createMany({ data: chunk.map((userId) => ({ cohortId: cohort.id, userId })) }));
  await insertInChunks(
    ids.flatMap((userId, i) =>
      lessons.map((lesson, j) => ({ userId, lessonId: lesson.id, trackId: lesson.trackId, completedAt: when(i, j) })),
    ),
    (chunk) => db.lessonProgress.createMany({ data: chunk }),
  );
  // Two attempts per quiz: one with the first question wrong, then a perfect one.
  await insertInChunks(
    ids.flatMap((userId, i) =>
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
    ),
    (chunk) => db.quizAttempt.createMany({ data: chunk }),
  );
  await insertInChunks(
    ids.flatMap((userId, i) =>
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
    ),
    (chunk) => db.exerciseSubmission.createMany({ data: chunk }),
  );
  await insertInChunks(ids, (chunk) =>
    db.chooserResult.createMany({
      data: chunk.map((userId) => ({ userId, resultKey: "r1", answers: "{}", result: "{}", recommendation: "flask" })),
    }),
  );
  console.log(`Seeded ${size} learners with full progress in ${Math.round(performance.now() - seedStarted)} ms.`);

  const query = { sort: "progress", activity: "day", page: 1 } as const;
  // One warm-up run, so the timing below measures the dashboard and not the content loader's first read.
  await getCohortDashboard(owner, cohort.id, query);

  queries = 0;
  let started = performance.now();
  const dashboard = await getCohortDashboard(owner, cohort.id, query);
  const dashboardMs = Math.round(performance.now() - started);
  const dashboardQueries = queries;

  queries = 0;
  started = performance.now();
  const { csv } = await buildCohortCsv(owner, cohort.id);
  const csvMs = Math.round(performance.now() - started);
  const csvQueries = queries;

  console.log(`Dashboard: ${dashboard.learnerCount} learners, built in ${dashboardMs} ms from ${dashboardQueries} SQL queries.`);
  console.log(`CSV export: ${csv.length.toLocaleString("en")} characters, built in ${csvMs} ms from ${csvQueries} SQL queries.`);
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
