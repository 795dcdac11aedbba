import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, pgAdmin, pgBaseUrl, tmpDir, usePostgres } from "@/tests/setup/test-db";

// Issue 17 added lessons, exercises and quiz questions to lessons/. Learners' rows are keyed by content
// ids (LessonProgress and LessonSummary by lesson, QuizAttempt by quiz and its answers by question,
// ExerciseSubmission by exercise), so an upgrade keeps their meaning only if every id of the course
// before it is still there, in the same track. tests/fixtures/course-before-issue-17.json lists those
// ids as they were at 6fc5d0a, the parent of the first #17 commit (scripts/dev/snapshot-course-ids.mts
// made it; its "source" says how to make it again), with the migrations a database of that time had.
//
// The schema did change since 6fc5d0a: `git diff 6fc5d0a -- prisma/` shows two migrations added,
// 20261202190000_cohort_question_tally (a CohortQuestionTally table, its triggers and a backfill) and
// 20261203160000_cohort_counters (per-learner totals and activity counters, their triggers and backfills,
// and a partial index), and no table the learners' writes touch was altered. So this file builds a database with only the fixture's
// migrations applied, writes a learner's rows into it with the current write functions (lib/progress.ts,
// lib/quiz/attempts.ts, lib/exercises/submissions.ts, lib/instructor/cohorts.ts and lib/users.ts are as
// they were at 6fc5d0a and lib/instructor/summary.ts differs in comments only, so they write the rows the
// old code wrote), then applies the rest of the migrations with scripts/db/migrate.mjs, as an upgraded
// deployment does, and reads everything back the way the learner's pages and the instructor's dashboard,
// CSV and learner view do, against the current course. Both databases: TEST_DB=postgres runs it on PostgreSQL.

interface FixtureQuestion {
  id: string;
  type: string;
  answer: string | string[];
}
interface FixtureLesson {
  id: string;
  exercise: string | null;
  quiz: { id: string; questions: FixtureQuestion[] } | null;
}
interface Fixture {
  source: { commit: string; note: string; regenerate: string };
  tracks: { id: string; lessons: FixtureLesson[] }[];
  migrations: Record<"sqlite" | "postgres", { name: string; sha256: string }[]>;
}

const root = path.resolve(import.meta.dirname, "../..");
const fixture = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/course-before-issue-17.json"), "utf8")) as Fixture;
const dialect = usePostgres ? "postgres" : "sqlite";
const migrationsDir = path.join(root, usePostgres ? "prisma/postgres/migrations" : "prisma/migrations");
const oldMigrations = fixture.migrations[dialect];

// Quiz questions retired on purpose since the fixture, by quiz. docs/content-format.md allows taking a
// question out of a bank but never reusing its id for another question; lib/quiz/attempts.ts redraws an
// open draw that names a retired question, and the dashboard's most-missed list skips it. Every other
// id of the fixture must still be there; a retired one must stay unused, and an attempt stored before
// it was retired is written below and must still count.
const RETIRED: Record<string, string[]> = {
  // 897aaf8 (#17, FastAPI 07 rewritten around argon2-cffi): the scrypt output question gave way to q13.
  "fastapi-security-oauth2-quiz": ["q8"],
};

// The database of before the change: the fixture's migrations only, applied as scripts/db/migrate.mjs
// applies them (prisma migrate deploy for SQLite, each file once in a transaction recorded in
// _crossroads_migrations for PostgreSQL), so that the later migrate run sees them as applied. Set before
// lib/db is imported, in place of the fully migrated copy tests/setup/per-file.ts gave this file.
const oldUrl = await createOldDatabase();
process.env.DATABASE_URL = oldUrl;
// The real course, whatever an earlier file in this worker pointed CONTENT_DIR at.
process.env.CONTENT_DIR = path.join(root, "lessons");

async function createOldDatabase(): Promise<string> {
  const tag = `before17_${randomUUID().slice(0, 8)}`;
  if (usePostgres) {
    const name = `${process.env.TEST_PG_RUN}_${tag}`;
    await pgAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = `${pgBaseUrl()}/${name}`;
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE "_crossroads_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      for (const { name: migration } of oldMigrations) {
        await client.query("BEGIN");
        await client.query(fs.readFileSync(path.join(migrationsDir, migration, "migration.sql"), "utf8"));
        await client.query('INSERT INTO "_crossroads_migrations" (name) VALUES ($1)', [migration]);
        await client.query("COMMIT");
      }
    } finally {
      await client.end();
    }
    return url;
  }
  // prisma migrate deploy over a folder holding only the old migrations, through a config like
  // prisma.config.ts but for that folder. Inside tests/.tmp so the config's imports resolve.
  const dir = path.join(process.env.TEST_SQLITE_DIR ?? tmpDir, tag);
  fs.mkdirSync(path.join(dir, "migrations"), { recursive: true });
  fs.copyFileSync(path.join(migrationsDir, "migration_lock.toml"), path.join(dir, "migrations", "migration_lock.toml"));
  for (const { name } of oldMigrations) fs.cpSync(path.join(migrationsDir, name), path.join(dir, "migrations", name), { recursive: true });
  const config = path.join(dir, "prisma.config.ts");
  fs.writeFileSync(
    config,
    [
      'import { defineConfig } from "prisma/config";',
      'import { PrismaLibSQL } from "@prisma/adapter-libsql";',
      "export default defineConfig({",
      `  schema: ${JSON.stringify(path.join(root, "prisma/schema.prisma"))},`,
      `  migrations: { path: ${JSON.stringify(path.join(dir, "migrations"))} },`,
      "  experimental: { adapter: true },",
      '  engine: "js",',
      "  async adapter() { return new PrismaLibSQL({ url: process.env.DATABASE_URL! }); },",
      "});",
      "",
    ].join("\n"),
  );
  const url = `file:${path.join(dir, "before.db")}`;
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy", "--config", config], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return url;
}

const { db } = await import("@/lib/db");
const { getCourse } = await import("@/lib/content/load");
const { getTrackState, recordLessonComplete, summarizeTrack } = await import("@/lib/progress");
const { recordQuizAttempt, startQuizAttempt } = await import("@/lib/quiz/attempts");
const { drawQuestions } = await import("@/lib/quiz/draw");
const { decodeTimelineCursor, getLearnerTimeline } = await import("@/lib/instructor/learner");
const { submitExercise } = await import("@/lib/exercises/submissions");
const { createCohort, joinCohortByCode } = await import("@/lib/instructor/cohorts");
const { getCohortDashboard } = await import("@/lib/instructor/dashboard");
const { buildCohortCsv } = await import("@/lib/instructor/csv");
const { tallyFirstAttempts } = await import("@/lib/instructor/cohort-aggregates");
const { makeUser, runnerAnswering } = await import("@/tests/setup/factories");
type Quiz = import("@/lib/content/load").Quiz;
type Question = import("@/lib/content/schema").Question;
type TrackId = import("@/lib/content/schema").TrackId;
type QuizAnswer = import("@/lib/schemas/quiz").QuizAnswer;

const course = getCourse();
const oldLessons = fixture.tracks.flatMap((track) => track.lessons.map((lesson) => ({ ...lesson, trackId: track.id as TrackId })));
const oldLessonIds = new Set(oldLessons.map((lesson) => lesson.id));

function rightAnswer(question: Question): QuizAnswer {
  return question.type === "order" ? question.items.map((item) => item.id) : question.answer;
}

function wrongAnswer(question: Question): QuizAnswer {
  if (question.type === "order") return question.items.map((item) => item.id).reverse();
  if (question.type === "multiple") {
    const others = question.options.filter((option) => !question.answer.includes(option.id)).map((option) => option.id);
    return others.length ? others : question.answer.slice(1);
  }
  return question.options.find((option) => option.id !== question.answer)!.id;
}

/** Fields of one CSV line (quoted fields with doubled quotes, as lib/instructor/csv.ts writes them). */
function csvFields(line: string): string[] {
  const fields = [""];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') fields[fields.length - 1] += line[i++];
    else if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) fields.push("");
    else fields[fields.length - 1] += char;
  }
  return fields;
}

describe(`a course and database from before issue 17 (${fixture.source.commit.slice(0, 7)}), after the upgrade`, () => {
  it("every lesson, exercise, quiz and quiz question id of the fixture is still in the course, in the same track", () => {
    expect(oldLessons.length).toBeGreaterThan(0);
    for (const old of oldLessons) {
      const lesson = course.lessons.get(old.id);
      expect(lesson?.trackId, `lesson ${old.id}`).toBe(old.trackId);
      if (old.exercise) {
        const exercise = course.exercises.get(old.exercise);
        expect(exercise && { lessonId: exercise.lessonId, trackId: exercise.trackId }, `exercise ${old.exercise}`).toEqual({
          lessonId: old.id,
          trackId: old.trackId,
        });
      }
      if (old.quiz) {
        const quiz = course.quizzes.get(old.quiz.id);
        expect(quiz && { lessonId: quiz.lessonId, trackId: quiz.trackId }, `quiz ${old.quiz.id}`).toEqual({
          lessonId: old.id,
          trackId: old.trackId,
        });
        const retired = RETIRED[old.quiz.id] ?? [];
        const bank = new Map(quiz!.questions.map((question) => [question.id, question]));
        expect(
          old.quiz.questions.filter((question) => !bank.has(question.id) && !retired.includes(question.id)).map((question) => question.id),
          `questions of ${old.quiz.id} gone from its bank`,
        ).toEqual([]);
        expect(
          retired.filter((id) => bank.has(id) || !old.quiz!.questions.some((question) => question.id === id)),
          `retired ids of ${old.quiz.id} in use again (or never there)`,
        ).toEqual([]);
        // A stored answer is graded against the same right answer as before.
        for (const question of old.quiz.questions.filter((q) => bank.has(q.id))) {
          const now = bank.get(question.id)!;
          expect(
            { type: now.type, answer: now.type === "order" ? now.items.map((item) => item.id) : now.answer },
            `${old.quiz.id} ${question.id}`,
          ).toEqual({
            type: question.type,
            answer: question.answer,
          });
        }
      }
    }
    // The lessons of a track keep their order among themselves (new ones may come between them).
    for (const track of fixture.tracks) {
      const now = course.tracks.find((t) => t.id === track.id)!.lessons.map((lesson) => lesson.id);
      expect(
        now.filter((id) => oldLessonIds.has(id)),
        `order of ${track.id}`,
      ).toEqual(track.lessons.map((lesson) => lesson.id));
    }
  });

  it(`the migrations a database of that time had applied are unchanged, and the new ones come after them (${dialect})`, () => {
    const current = fs
      .readdirSync(migrationsDir)
      .filter((name) => fs.existsSync(path.join(migrationsDir, name, "migration.sql")))
      .sort();
    for (const { name, sha256 } of oldMigrations) {
      const text = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"));
      expect(createHash("sha256").update(text).digest("hex"), `${name} was edited after it shipped`).toBe(sha256);
    }
    expect(current.slice(0, oldMigrations.length)).toEqual(oldMigrations.map((migration) => migration.name));
  });

  it("a learner's completions, quiz attempts and verdicts written before it are all still counted, and new lessons show as not started", async () => {
    // The database really is the old one: the table added since 6fc5d0a is not there yet.
    await expect(db.$queryRawUnsafe('SELECT COUNT(*) FROM "CohortQuestionTally"')).rejects.toThrow();

    // Before the upgrade: an instructor's cohort, a learner who joined it and worked through the old course.
    const owner = await makeUser("INSTRUCTOR", "Old Instructor");
    const learner = await makeUser("LEARNER", "Old Learner");
    const viewer = { id: owner.id, role: "INSTRUCTOR" as const };
    const cohort = await createCohort(viewer, { name: "Before 17", description: null, expiresInDays: null });
    await joinCohortByCode(learner.id, cohort.inviteCode);

    for (const lesson of oldLessons) await recordLessonComplete(learner.id, lesson);

    // The first old quiz of each track, and every quiz that has retired questions since, attempted
    // twice: the first attempt with one question wrong (a retired one when the quiz has any, drawn on
    // purpose), then all right. Per track, the first old exercise failed then passed, the second failed only.
    const expectedMissed: { lessonId: string; questionId: string }[] = [];
    const expectedFirstAnswers: { lessonId: string; questionId: string; missed: number }[] = [];
    const quizzesTried: string[] = [];
    const verdicts = new Map<string, { verdict: "PASS" | "FAIL"; submissions: number }>();
    async function attemptOldQuiz(lesson: FixtureLesson) {
      const old = lesson.quiz!;
      const current = course.quizzes.get(old.id)!;
      const retired = RETIRED[old.id] ?? [];
      // The bank as it was: the fixture's questions, a stand-in (same id and right answer) for a retired one.
      const questions = old.questions.map(
        (question): Question =>
          current.questions.find((q) => q.id === question.id) ?? {
            id: question.id,
            type: "multiple",
            objective: 1,
            prompt: `retired ${question.id}`,
            explanation: "retired",
            options: [...[question.answer].flat(), "zz"].map((id) => ({ id, text: id })),
            answer: [question.answer].flat(),
          },
      );
      const oldBank: Quiz = { ...current, questions };
      const byId = new Map(questions.map((question) => [question.id, question]));
      // A seed whose draw asks a retired question, when there is one.
      let seed = `before-17-${old.id}`;
      for (let i = 0; retired.length && !drawQuestions(questions, seed).some((q) => retired.includes(q.id)); i++)
        seed = `before-17-${old.id}-${i}`;
      for (const round of [0, 1]) {
        const started = await startQuizAttempt(learner.id, oldBank, () => (round ? `${seed}/again` : seed));
        const asked = started.quiz.questions.map((question) => question.id);
        const missed = round === 0 ? (asked.find((id) => retired.includes(id)) ?? asked[0]) : null;
        const answers = Object.fromEntries(
          asked.map((id) => [id, id === missed ? wrongAnswer(byId.get(id)!) : rightAnswer(byId.get(id)!)]),
        );
        const outcome = await recordQuizAttempt(learner.id, oldBank, started.attemptKey, answers);
        expect(outcome.correctCount).toBe(missed ? asked.length - 1 : asked.length);
        if (missed) {
          if (retired.length) expect(retired, `the draw of ${old.id} asks a retired question`).toContain(missed);
          // The dashboard's most-missed list names questions of the current course only.
          if (!retired.includes(missed)) expectedMissed.push({ lessonId: lesson.id, questionId: missed });
          for (const questionId of asked)
            expectedFirstAnswers.push({ lessonId: lesson.id, questionId, missed: questionId === missed ? 1 : 0 });
        }
      }
      quizzesTried.push(old.id);
    }
    for (const track of fixture.tracks) {
      for (const lesson of track.lessons.filter((l, i, all) => l.quiz && (RETIRED[l.quiz.id] || all.findIndex((x) => x.quiz) === i))) {
        await attemptOldQuiz(lesson);
      }
      const withExercise = track.lessons.filter((lesson) => lesson.exercise);
      for (const [i, lesson] of withExercise.slice(0, 2).entries()) {
        const exercise = course.exercises.get(lesson.exercise!)!;
        await submitExercise(learner.id, exercise, "app = None", `before-17-${exercise.id}-fail`, runnerAnswering("fail"));
        if (i === 0) await submitExercise(learner.id, exercise, "app = 1", `before-17-${exercise.id}-pass`, runnerAnswering("pass"));
        verdicts.set(lesson.id, i === 0 ? { verdict: "PASS", submissions: 2 } : { verdict: "FAIL", submissions: 1 });
      }
    }
    expect(quizzesTried.length).toBeGreaterThan(0);
    expect([...verdicts.values()].map((entry) => entry.verdict)).toEqual(expect.arrayContaining(["PASS", "FAIL"]));

    // The upgrade: the migrations added since, as a deployment runs them (scripts/db/migrate.mjs).
    migrate(oldUrl);
    await expect(db.$queryRawUnsafe('SELECT COUNT(*) FROM "CohortQuestionTally"')).resolves.toBeDefined();

    // The learner's pages: every track's state, read against the current course.
    for (const track of fixture.tracks) {
      const state = await getTrackState(learner.id, track.id);
      expect([...state.completedLessonIds].sort()).toEqual(track.lessons.map((lesson) => lesson.id).sort());
      const currentTrack = course.tracks.find((t) => t.id === track.id)!;
      const progress = summarizeTrack(currentTrack, state.completedLessonIds);
      expect(progress).toMatchObject({ completed: track.lessons.length, total: currentTrack.lessons.length });
      expect(progress.nextLessonId).toBe(currentTrack.lessons.find((lesson) => !oldLessonIds.has(lesson.id))?.id);
      for (const lesson of track.lessons) {
        if (lesson.quiz && quizzesTried.includes(lesson.quiz.id)) {
          expect(state.quizzes[lesson.quiz.id]).toEqual({
            quizId: lesson.quiz.id,
            lessonId: lesson.id,
            attempts: 2,
            best: 1,
            mastered: true,
          });
        } else if (lesson.quiz) expect(state.quizzes[lesson.quiz.id]).toBeUndefined();
        const verdict = verdicts.get(lesson.id);
        if (verdict) {
          expect(state.exercises[lesson.exercise!]).toEqual({
            exerciseId: lesson.exercise,
            submissions: verdict.submissions,
            solved: verdict.verdict === "PASS",
          });
        } else if (lesson.exercise) expect(state.exercises[lesson.exercise]).toBeUndefined();
      }
    }

    // The instructor's dashboard: the matrix has a column for every current lesson; the old ones hold
    // the learner's work, the new ones are empty (not started).
    const dashboard = await getCohortDashboard(viewer, cohort.id, { sort: "name", activity: "day", page: 1 });
    const allLessons = course.tracks.flatMap((track) => track.lessons);
    const newLessons = allLessons.filter((lesson) => !oldLessonIds.has(lesson.id));
    expect(dashboard.tracks.flatMap((track) => track.lessons.map((lesson) => lesson.id))).toEqual(allLessons.map((lesson) => lesson.id));
    expect(dashboard.learners).toHaveLength(1);
    const [row] = dashboard.learners;
    expect(row).toMatchObject({
      userId: learner.id,
      completed: oldLessons.length,
      total: allLessons.length,
      exercisesPassed: [...verdicts.values()].filter((entry) => entry.verdict === "PASS").length,
    });
    expect(row.quizzesMastered).toBe(quizzesTried.length);
    for (const lesson of oldLessons) {
      const tried = lesson.quiz && quizzesTried.includes(lesson.quiz.id);
      const verdict = verdicts.get(lesson.id);
      expect(row.cells[lesson.id], lesson.id).toEqual({
        completed: true,
        quizBest: tried ? 1 : null,
        quizAttempts: tried ? 2 : 0,
        exercise: verdict?.verdict ?? null,
        submissions: verdict?.submissions ?? 0,
      });
    }
    for (const lesson of newLessons) expect(row.cells[lesson.id], lesson.id).toBeUndefined();
    for (const track of fixture.tracks) {
      expect(row.byTrack[track.id]).toEqual({
        completed: track.lessons.length,
        total: course.tracks.find((t) => t.id === track.id)!.lessons.length,
      });
      expect(dashboard.trackCompletion.find((entry) => entry.trackId === track.id)?.completed).toBe(track.lessons.length);
    }
    // First answers of the attempts stored before the tally table existed: counted by the migration's backfill.
    const tallies = await tallyFirstAttempts(
      cohort.id,
      owner.id,
      allLessons.filter((lesson) => lesson.quiz).map((lesson) => lesson.id),
    );
    const order = (a: { lessonId: string; questionId: string }, b: { lessonId: string; questionId: string }) =>
      (a.lessonId + a.questionId).localeCompare(b.lessonId + b.questionId);
    expect(
      tallies.map((t) => ({ lessonId: t.lessonId, questionId: t.questionId, missed: t.missed, answered: t.answered })).sort(order),
    ).toEqual(expectedFirstAnswers.map((answer) => ({ ...answer, answered: 1 })).sort(order));
    expect(dashboard.missedQuestions.map((q) => ({ lessonId: q.lessonId, questionId: q.questionId })).sort(order)).toEqual(
      expectedMissed.sort(order),
    );

    // The CSV export: a column per current lesson, the old cells filled, the new ones not started.
    const { csv } = await buildCohortCsv(viewer, cohort.id);
    const [header, line, ...rest] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(rest).toEqual([""]);
    const headers = csvFields(header);
    const values = csvFields(line);
    expect(values).toHaveLength(headers.length);
    const cell = (column: string) => {
      const index = headers.indexOf(column);
      expect(index, column).toBeGreaterThanOrEqual(0);
      return values[index];
    };
    expect(cell("Lessons completed")).toBe(String(oldLessons.length));
    expect(cell("Lessons total")).toBe(String(allLessons.length));
    for (const lesson of oldLessons) {
      expect(cell(`${lesson.id} completed`)).toBe("yes");
      if (lesson.quiz) expect(cell(`${lesson.id} quiz best %`)).toBe(quizzesTried.includes(lesson.quiz.id) ? "100" : "");
      if (lesson.exercise) expect(cell(`${lesson.id} exercise`)).toBe(verdicts.get(lesson.id)?.verdict ?? "");
    }
    for (const lesson of newLessons) {
      expect(cell(`${lesson.id} completed`)).toBe("no");
      if (lesson.quiz) expect(cell(`${lesson.id} quiz best %`)).toBe("");
      if (lesson.exercise) expect(cell(`${lesson.id} exercise`)).toBe("");
    }

    // The instructor's view of this learner pages through every stored item, retired question or not.
    const timeline: string[] = [];
    let cursor: import("@/lib/instructor/learner").TimelineCursor | null = null;
    do {
      const page = await getLearnerTimeline(viewer, cohort.id, learner.id, cursor);
      timeline.push(...page.items.map((item) => item.kind));
      cursor = page.nextCursor ? decodeTimelineCursor(page.nextCursor) : null;
    } while (cursor);
    expect(timeline.length).toBe(
      oldLessons.length + quizzesTried.length * 2 + [...verdicts.values()].reduce((sum, e) => sum + e.submissions, 0),
    );

    // A quiz that lost a question since: a new attempt draws from the current bank only.
    for (const quizId of Object.keys(RETIRED)) {
      const current = course.quizzes.get(quizId)!;
      const started = await startQuizAttempt(learner.id, current);
      const bank = new Set(current.questions.map((question) => question.id));
      expect(started.quiz.questions.every((question) => bank.has(question.id))).toBe(true);
    }

    // Nothing stored before the upgrade was rewritten by it.
    const stored = await db.quizAttempt.count({ where: { userId: learner.id } });
    expect(stored).toBe(quizzesTried.length * 2);
    expect(await db.lessonProgress.count({ where: { userId: learner.id } })).toBe(oldLessons.length);
    expect(await db.exerciseSubmission.count({ where: { userId: learner.id } })).toBe(
      [...verdicts.values()].reduce((sum, entry) => sum + entry.submissions, 0),
    );
  });
});
