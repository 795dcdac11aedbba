import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadCourseFrom } from "@/lib/content/load";
import { recordLessonComplete } from "@/lib/progress";
import { recordQuizAttempt } from "@/lib/quiz/attempts";
import { createCohort, joinCohortByCode } from "@/lib/instructor/cohorts";
import { makeUser } from "@/tests/setup/factories";

const course = loadCourseFrom(path.join(import.meta.dirname, "../fixtures/content"));
const quiz = course.quizzes.get("flask-hello-quiz")!;
const lesson = course.lessons.get("flask-hello")!;
const answers = { q1: "a", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] };

describe("200 concurrent writes for the same learners", () => {
  it("store each lesson completion exactly once", async () => {
    const learners = await Promise.all(Array.from({ length: 20 }, () => makeUser()));
    await Promise.all(learners.flatMap((learner) => Array.from({ length: 10 }, () => recordLessonComplete(learner.id, lesson))));
    const rows = await db.lessonProgress.groupBy({
      by: ["userId"],
      where: { userId: { in: learners.map((l) => l.id) } },
      _count: { _all: true },
    });
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row._count._all === 1)).toBe(true);
  });

  it("keep each learner's track total and their cohort's activity exact when their lessons are completed at the same time", async () => {
    // On PostgreSQL each completion's triggers recount the learner's track and move the cohort's activity in
    // its own transaction: without the per-learner lock (a completion's activity trigger takes it first), each
    // would miss the others' uncommitted rows and the last to commit would win.
    const inTrack = course.tracks.find((track) => track.id === lesson.trackId)!.lessons;
    expect(inTrack.length).toBeGreaterThan(1);
    const owner = await makeUser("INSTRUCTOR");
    const cohort = await createCohort({ id: owner.id, role: "INSTRUCTOR" }, { name: "Together", description: null, expiresInDays: null });
    const learners = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    for (const learner of learners) await joinCohortByCode(learner.id, cohort.inviteCode);
    await Promise.all(learners.flatMap((learner) => inTrack.map((each) => recordLessonComplete(learner.id, each))));
    const totals = await db.learnerTrackTotal.findMany({ where: { userId: { in: learners.map((l) => l.id) }, trackId: lesson.trackId } });
    expect(totals.map((row) => row.completed)).toEqual(learners.map(() => inTrack.length));
    // The same for the cohort's activity counters: every completion counted, every learner once.
    const today = await db.cohortActivity.findMany({ where: { cohortId: cohort.id, unit: "day", trackId: "" } });
    expect(today.map(({ events, learners }) => ({ events, learners }))).toEqual([{ events: 10 * inTrack.length, learners: 10 }]);
  });

  it("store each quiz attempt exactly once, even when resubmitted concurrently", async () => {
    const learners = await Promise.all(Array.from({ length: 20 }, () => makeUser()));
    const attempts = learners.flatMap((learner) => {
      const keys = [crypto.randomUUID(), crypto.randomUUID()];
      // Two attempts per learner, each submitted five times at once.
      return keys.flatMap((key) => Array.from({ length: 5 }, () => recordQuizAttempt(learner.id, quiz, key, answers)));
    });
    const outcomes = await Promise.all(attempts);
    expect(outcomes).toHaveLength(200);
    const stored = await db.quizAttempt.count({ where: { userId: { in: learners.map((l) => l.id) } } });
    expect(stored).toBe(40);
    expect(new Set(outcomes.map((o) => o.attemptId)).size).toBe(40);
  });
});
