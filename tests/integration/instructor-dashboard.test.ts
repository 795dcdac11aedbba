import path from "node:path";
import { describe, expect, it, vi } from "vitest";

process.env.CONTENT_DIR = path.join(import.meta.dirname, "../fixtures/content");

// Counts every SQL statement the dashboard sends: a client built like lib/db's, with query events on.
const counter = vi.hoisted(() => ({ queries: 0 }));
vi.mock("@/lib/db", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/db")>();
  const url = process.env.DATABASE_URL!;
  const log = [{ emit: "event" as const, level: "query" as const }];
  let db: typeof actual.db;
  if (actual.isPostgresUrl(url)) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/generated/prisma-pg/client");
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log }) as unknown as typeof actual.db;
  } else {
    const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    db = new PrismaClient({ adapter: new PrismaLibSQL({ url }), log });
  }
  (db as unknown as { $on: (event: "query", fn: () => void) => void }).$on("query", () => {
    counter.queries += 1;
  });
  return { ...actual, db };
});

const { db } = await import("@/lib/db");
const { createCohort } = await import("@/lib/instructor/cohorts");
const { bucketActivity, getCohortDashboard, PAGE_SIZE } = await import("@/lib/instructor/dashboard");
const { assessRisk, loadCohortProgress, EXPORT_PAGE_SIZE } = await import("@/lib/instructor/cohort-progress");
const { buildCohortCsv, streamCohortCsv } = await import("@/lib/instructor/csv");
const { getLearnerTimeline } = await import("@/lib/instructor/learner");
const { makeUser } = await import("@/tests/setup/factories");
const { rebuildSummaries } = await import("@/lib/instructor/summary");

const DAY = 86_400_000;
const NOW = new Date("2026-12-01T12:00:00Z");
const QUERY = { sort: "name", activity: "day", page: 1 } as const;
const allRight = JSON.stringify(["q1", "q2", "q3", "q4"].map((questionId) => ({ questionId, correct: true, credit: 1 })));

function results(wrong: string[]): string {
  return JSON.stringify(
    ["q1", "q2", "q3", "q4"].map((questionId) => ({
      questionId,
      correct: !wrong.includes(questionId),
      credit: wrong.includes(questionId) ? 0 : 1,
    })),
  );
}

/** A cohort of `size` learners, each with full progress on the fixture course. Users are inserted in bulk. */
async function seedCohort(size: number, label: string) {
  const owner = await makeUser("INSTRUCTOR", `${label} owner`);
  const cohort = await createCohort(owner, { name: label, description: null, expiresInDays: null });
  const ids = Array.from({ length: size }, (_, i) => `${label.toLowerCase().replace(/\W/g, "")}u${i}`);
  await db.user.createMany({
    data: ids.map((id, i) => ({ id, email: `${id}@example.test`, name: `${label} learner ${i}`, passwordHash: "x" })),
  });
  await db.enrollment.createMany({ data: ids.map((userId) => ({ cohortId: cohort.id, userId })) });
  await db.lessonProgress.createMany({
    data: ids.flatMap((userId) =>
      ["flask-hello", "flask-routes"].map((lessonId) => ({
        userId,
        lessonId,
        trackId: "flask",
        completedAt: new Date(NOW.getTime() - DAY),
      })),
    ),
  });
  await db.quizAttempt.createMany({
    data: ids.map((userId, i) => ({
      userId,
      trackId: "flask",
      lessonId: "flask-hello",
      quizId: "flask-hello-quiz",
      attemptKey: `a${i}`,
      answers: "{}",
      results: allRight,
      score: 1,
      correctCount: 4,
      questionCount: 4,
      contentVersion: "v",
      createdAt: new Date(NOW.getTime() - DAY),
    })),
  });
  await db.exerciseSubmission.createMany({
    data: ids.map((userId, i) => ({
      userId,
      trackId: "flask",
      lessonId: "flask-hello",
      exerciseId: "flask-hello-ex",
      submitKey: `s${i}`,
      code: "app = 1",
      verdict: "PASS",
      engine: "server",
      result: "{}",
      passedCount: 1,
      checkCount: 1,
      createdAt: new Date(NOW.getTime() - DAY),
    })),
  });
  await db.projectMilestone.createMany({ data: ids.map((userId) => ({ userId, projectId: "p", milestoneId: "m1" })) });
  await db.chooserResult.createMany({
    data: ids.map((userId) => ({ userId, resultKey: "r", answers: "{}", result: "{}", recommendation: "flask" })),
  });
  // The rows above went in around the write paths: derive their summary rows as the migration would.
  await rebuildSummaries(ids);
  return { owner, cohort, ids };
}

async function countQueries<T>(run: () => Promise<T>): Promise<{ queries: number; value: T }> {
  counter.queries = 0;
  const value = await run();
  return { queries: counter.queries, value };
}

describe("the dashboard's query count does not grow with the cohort", () => {
  it("is the same for 10, 100 and 1,000 learners with full progress, for the dashboard and the CSV", async () => {
    const small = await seedCohort(10, "Small");
    const large = await seedCohort(100, "Large");
    const huge = await seedCohort(1000, "Huge");
    const smallRun = await countQueries(() => getCohortDashboard(small.owner, small.cohort.id, QUERY, NOW));
    const largeRun = await countQueries(() => getCohortDashboard(large.owner, large.cohort.id, QUERY, NOW));
    const hugeRun = await countQueries(() => getCohortDashboard(huge.owner, huge.cohort.id, QUERY, NOW));
    expect(hugeRun.value.learnerCount).toBe(1000);
    expect(hugeRun.queries).toBe(smallRun.queries);
    expect(smallRun.value.learnerCount).toBe(10);
    expect(largeRun.value.learnerCount).toBe(100);
    expect(largeRun.value.learners).toHaveLength(PAGE_SIZE);
    expect(largeRun.value.trackCompletion[0]).toMatchObject({ completed: 200, possible: 200 });
    expect(smallRun.queries).toBeGreaterThan(0);
    expect(largeRun.queries).toBe(smallRun.queries);
    // Two rounds: the whole cohort's sort keys and aggregates, then the page's progress matrix.
    expect(largeRun.queries).toBeLessThanOrEqual(20);

    const smallCsv = await countQueries(() => buildCohortCsv(small.owner, small.cohort.id, NOW));
    const largeCsv = await countQueries(() => buildCohortCsv(large.owner, large.cohort.id, NOW));
    expect(largeCsv.queries).toBe(smallCsv.queries);
    expect(largeCsv.value.csv.split("\r\n").filter(Boolean)).toHaveLength(101);
  }, 180_000);
});

describe("the CSV export streams", () => {
  it("sends its first bytes before the last learner's row is read", async () => {
    const { owner, cohort, ids } = await seedCohort(EXPORT_PAGE_SIZE * 2 + 5, "Stream");
    const { stream } = await streamCohortCsv(owner, cohort.id, NOW);
    const reader = stream.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const first = decoder.decode((await reader.read()).value, { stream: true });
    expect(first.startsWith("\uFEFFName,Email,")).toBe(true);
    expect(first).not.toContain("Stream learner");
    // Renamed after the first bytes went out: the export shows the new name, so that row was read later.
    const last = [...ids].sort().at(-1)!;
    await db.user.update({ where: { id: last }, data: { name: "Renamed while streaming" } });
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value, { stream: true });
    const rows = rest.split("\r\n").filter(Boolean);
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((row) => row.startsWith("Renamed while streaming,"))).toHaveLength(1);
  });
});

describe("what the dashboard shows", () => {
  async function scenario() {
    const owner = await makeUser("INSTRUCTOR");
    const cohort = await createCohort(owner, { name: "Matrix", description: null, expiresInDays: null });
    const ada = await makeUser("LEARNER", "Ada");
    const bob = await makeUser("LEARNER", "Bob");
    const cy = await makeUser("LEARNER", '=HYPERLINK("http://evil.test")');
    const outsider = await makeUser("LEARNER", "Outsider");
    for (const user of [ada, bob, cy]) {
      await db.enrollment.create({ data: { cohortId: cohort.id, userId: user.id, joinedAt: new Date(NOW.getTime() - 30 * DAY) } });
    }
    const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY);
    // Ada: both lessons, mastered the quiz on the second try, passed the exercise after a failure. Active yesterday.
    await db.lessonProgress.createMany({
      data: [
        { userId: ada.id, lessonId: "flask-hello", trackId: "flask", completedAt: at(3) },
        { userId: ada.id, lessonId: "flask-routes", trackId: "flask", completedAt: at(1) },
      ],
    });
    const attempt = (userId: string, key: string, score: number, wrong: string[], daysAgo: number) => ({
      userId,
      trackId: "flask",
      lessonId: "flask-hello",
      quizId: "flask-hello-quiz",
      attemptKey: key,
      answers: JSON.stringify({ q1: "b", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] }),
      results: results(wrong),
      score,
      correctCount: 4 - wrong.length,
      questionCount: 4,
      contentVersion: "v",
      createdAt: at(daysAgo),
    });
    const submission = (userId: string, key: string, verdict: string, daysAgo: number) => ({
      userId,
      trackId: "flask",
      lessonId: "flask-hello",
      exerciseId: "flask-hello-ex",
      submitKey: key,
      code: `# ${key}\napp = Flask(__name__)`,
      verdict,
      engine: "server",
      result: JSON.stringify({
        status: verdict.toLowerCase(),
        message: "checked",
        checks: [{ name: "c1", title: "Says hello", status: "pass", message: "" }],
      }),
      passedCount: verdict === "PASS" ? 1 : 0,
      checkCount: 1,
      createdAt: at(daysAgo),
    });
    await db.quizAttempt.createMany({ data: [attempt(ada.id, "a1", 0.75, ["q1"], 3), attempt(ada.id, "a2", 1, [], 2)] });
    await db.exerciseSubmission.createMany({ data: [submission(ada.id, "s1", "FAIL", 3), submission(ada.id, "s2", "PASS", 2)] });
    // Bob: stuck. Three failed quiz attempts and three failed submissions, two days ago.
    await db.quizAttempt.createMany({
      data: [
        attempt(bob.id, "b1", 0.5, ["q1", "q3"], 4),
        attempt(bob.id, "b2", 0.5, ["q1", "q2"], 3),
        attempt(bob.id, "b3", 0.75, ["q1"], 2),
      ],
    });
    await db.exerciseSubmission.createMany({
      data: [submission(bob.id, "t1", "FAIL", 4), submission(bob.id, "t2", "ERROR", 3), submission(bob.id, "t3", "FAIL", 2)],
    });
    // Cy: last seen ten days ago.
    await db.lessonProgress.create({ data: { userId: cy.id, lessonId: "flask-hello", trackId: "flask", completedAt: at(10) } });
    // The outsider's record must never show up.
    await db.lessonProgress.create({ data: { userId: outsider.id, lessonId: "flask-routes", trackId: "flask", completedAt: at(1) } });
    await db.quizAttempt.create({ data: attempt(outsider.id, "o1", 0, ["q1", "q2", "q3", "q4"], 1) });
    await rebuildSummaries([ada.id, bob.id, cy.id, outsider.id]);
    return { owner, cohort, ada, bob, cy, outsider };
  }

  it("builds the matrix, the track bars, the missed questions and the at-risk list", async () => {
    const { owner, cohort, ada, bob, cy } = await scenario();
    const dashboard = await getCohortDashboard(owner, cohort.id, QUERY, NOW);
    expect(dashboard.learners.map((l) => l.userId)).toEqual([cy.id, ada.id, bob.id]);
    const adaRow = dashboard.learners.find((l) => l.userId === ada.id)!;
    expect(adaRow).toMatchObject({ completed: 2, total: 2, percent: 100, quizzesMastered: 1, exercisesPassed: 1, risks: [] });
    expect(adaRow.cells["flask-hello"]).toEqual({ completed: true, quizBest: 1, quizAttempts: 2, exercise: "PASS", submissions: 2 });
    const bobRow = dashboard.learners.find((l) => l.userId === bob.id)!;
    expect(bobRow.cells["flask-hello"]).toMatchObject({
      completed: false,
      quizBest: 0.75,
      quizAttempts: 3,
      exercise: "FAIL",
      submissions: 3,
    });
    expect(bobRow.risks).toEqual(["3 failed attempts at the Hello quiz", "3 failed submissions for the Say hello exercise"]);
    expect(dashboard.learners.find((l) => l.userId === cy.id)!.risks).toEqual(["No activity for 10 days"]);

    expect(dashboard.trackCompletion).toEqual([{ trackId: "flask", title: "Flask", completed: 3, possible: 6 }]);
    // First attempts only: Ada missed q1, Bob missed q1 and q3. The outsider's attempt is not counted.
    expect(dashboard.missedQuestions.map((q) => [q.questionId, q.missed, q.answered])).toEqual([
      ["q1", 2, 2],
      ["q3", 1, 2],
    ]);
    expect(dashboard.missedQuestions[0]).toMatchObject({ prompt: "Pick a", lessonTitle: "Hello", correctRate: 0 });
    expect(dashboard.atRisk.map((l) => l.userId)).toEqual([bob.id, cy.id]);

    const yesterday = dashboard.activity.at(-2)!;
    expect(dashboard.activity).toHaveLength(28);
    expect(yesterday).toEqual({ start: "2026-11-30", events: 1, learners: 1 });
    expect(JSON.stringify(dashboard)).not.toContain("Outsider");
  });

  it("sorts and filters from the query", async () => {
    const { owner, cohort, ada, bob, cy } = await scenario();
    const byProgress = await getCohortDashboard(owner, cohort.id, { ...QUERY, sort: "progress" }, NOW);
    expect(byProgress.learners[0].userId).toBe(ada.id);
    const byActivity = await getCohortDashboard(owner, cohort.id, { ...QUERY, sort: "activity" }, NOW);
    expect(byActivity.learners.map((l) => l.userId)).toEqual([ada.id, bob.id, cy.id]);
    const byRisk = await getCohortDashboard(owner, cohort.id, { ...QUERY, sort: "risk" }, NOW);
    expect(byRisk.learners.at(-1)!.userId).toBe(ada.id);
    const compare = await getCohortDashboard(owner, cohort.id, { ...QUERY, track: "compare" }, NOW);
    expect(compare.tracks).toEqual([]);
    expect(compare.missedQuestions).toEqual([]);
    expect(compare.learners.every((l) => l.total === 0)).toBe(true);
    const weekly = await getCohortDashboard(owner, cohort.id, { ...QUERY, activity: "week" }, NOW);
    expect(weekly.activity).toHaveLength(12);
    // Ada 6 events, Bob 6, Cy 1: all inside the last 12 weeks.
    expect(weekly.activity.reduce((sum, b) => sum + b.events, 0)).toBe(13);
  });

  it("counts a project milestone and a chooser result as activity", async () => {
    const { owner, cohort, ada, bob, cy } = await scenario();
    const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
    await db.projectMilestone.create({ data: { userId: cy.id, projectId: "p", milestoneId: "m1", doneAt: hoursAgo(12) } });
    await db.chooserResult.create({
      data: { userId: bob.id, resultKey: "r", answers: "{}", result: "{}", recommendation: "flask", createdAt: hoursAgo(6) },
    });
    const byActivity = await getCohortDashboard(owner, cohort.id, { ...QUERY, sort: "activity" }, NOW);
    expect(byActivity.learners.map((l) => l.userId)).toEqual([bob.id, cy.id, ada.id]);
    expect(byActivity.atRisk.map((l) => [l.userId, l.lastActiveAt])).toEqual([[bob.id, hoursAgo(6)]]);
  });

  it("exports one row per learner, neutralising a formula in a name", async () => {
    const { owner, cohort } = await scenario();
    const { csv, filename } = await buildCohortCsv(owner, cohort.id, NOW);
    expect(filename).toBe("matrix-progress-2026-12-01.csv");
    expect(csv.startsWith("\uFEFFName,Email,Joined,Last active,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toBe("");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(lines[0]).toContain("flask-hello completed,flask-hello quiz best %,flask-hello exercise,flask-routes completed");
    expect(lines.find((line) => line.startsWith("Ada,"))).toMatch(/,2,2,100,1,1,2,,yes,100,PASS,yes$/);
  });

  it("shows one learner's timeline with answers, code and verdicts", async () => {
    const { owner, cohort, ada, outsider } = await scenario();
    const timeline = await getLearnerTimeline(owner, cohort.id, ada.id);
    expect(timeline.items.map((item) => item.kind)).toEqual(["lesson", "quiz", "submission", "lesson", "quiz", "submission"]);
    const quiz = timeline.items.find((item) => item.kind === "quiz")!;
    expect(quiz.kind === "quiz" && quiz.answers[0]).toEqual({ questionId: "q1", prompt: "Pick a", answer: "B", correct: true });
    const firstQuiz = timeline.items.filter((item) => item.kind === "quiz").at(-1)!;
    expect(firstQuiz.kind === "quiz" && firstQuiz.answers[0].correct).toBe(false);
    expect(firstQuiz.kind === "quiz" && firstQuiz.answers[3].answer).toBe("First → Second → Third");
    const code = timeline.items.find((item) => item.kind === "submission")!;
    expect(code).toMatchObject({ verdict: "PASS", code: "# s2\napp = Flask(__name__)", checks: [{ title: "Says hello", status: "pass" }] });
    await expect(getLearnerTimeline(owner, cohort.id, outsider.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("at-risk rules", () => {
  const base = { quizzes: [], exercises: [], now: NOW };
  it("flags a week without activity, counting from joining when there is none", () => {
    expect(assessRisk({ ...base, joinedAt: new Date(NOW.getTime() - 30 * DAY), lastActiveAt: new Date(NOW.getTime() - 6 * DAY) })).toEqual(
      [],
    );
    expect(assessRisk({ ...base, joinedAt: new Date(NOW.getTime() - 30 * DAY), lastActiveAt: new Date(NOW.getTime() - 7 * DAY) })).toEqual([
      "No activity for 7 days",
    ]);
    expect(assessRisk({ ...base, joinedAt: new Date(NOW.getTime() - 2 * DAY), lastActiveAt: null })).toEqual([]);
    expect(assessRisk({ ...base, joinedAt: new Date(NOW.getTime() - 9 * DAY), lastActiveAt: null })).toEqual([
      "No activity since joining 9 days ago",
    ]);
  });

  it("flags three failures only while the quiz or exercise is still not passed", () => {
    const recent = { joinedAt: NOW, lastActiveAt: NOW, now: NOW };
    expect(assessRisk({ ...recent, quizzes: [{ title: "Hello", failures: 2, mastered: false }], exercises: [] })).toEqual([]);
    expect(
      assessRisk({
        ...recent,
        quizzes: [{ title: "Hello", failures: 3, mastered: true }],
        exercises: [{ title: "Ex", failures: 5, passed: true }],
      }),
    ).toEqual([]);
    expect(assessRisk({ ...recent, quizzes: [], exercises: [{ title: "Ex", failures: 3, passed: false }] })).toEqual([
      "3 failed submissions for the Ex exercise",
    ]);
  });

  it("buckets weeks from Monday, in UTC", () => {
    const buckets = bucketActivity([{ userId: "u", at: new Date("2026-11-30T00:30:00Z"), trackId: null }], "week", NOW);
    expect(buckets.at(-1)).toEqual({ start: "2026-11-30", events: 1, learners: 1 });
  });
});

describe("loading is scoped to the cohort", () => {
  it("a learner in two cohorts shows up in both, each owner seeing only their own cohort", async () => {
    const first = await seedCohort(2, "First");
    const second = await makeUser("INSTRUCTOR");
    const other = await createCohort(second, { name: "Other", description: null, expiresInDays: null });
    await db.enrollment.create({ data: { cohortId: other.id, userId: first.ids[0] } });
    expect((await loadCohortProgress(second, other.id)).learners.map((l) => l.userId)).toEqual([first.ids[0]]);
    expect((await loadCohortProgress(first.owner, first.cohort.id)).learners).toHaveLength(2);
  });
});
