import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadCourseFrom } from "@/lib/content/load";
import { recordQuizAttempt } from "@/lib/quiz/attempts";
import { QuizSubmissionError } from "@/lib/quiz/grade";
import { toPublicQuiz } from "@/lib/quiz/public";
import { makeUser } from "@/tests/setup/factories";

const course = loadCourseFrom(path.join(import.meta.dirname, "../fixtures/content"));
const quiz = course.quizzes.get("flask-hello-quiz")!;
const right = { q1: "a", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] };

describe("recordQuizAttempt", () => {
  it("stores a graded attempt with its answers, score and content version", async () => {
    const user = await makeUser();
    const outcome = await recordQuizAttempt(user.id, quiz, crypto.randomUUID(), { ...right, q1: "b" });
    expect(outcome).toMatchObject({ score: 0.75, mastered: false, stats: { attempts: 1, best: 0.75, mastered: false } });
    const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: outcome.attemptId } });
    expect(row).toMatchObject({ quizId: quiz.id, lessonId: "flask-hello", score: 0.75, contentVersion: quiz.version });
    expect(JSON.parse(row.answers)).toEqual({ ...right, q1: "b" });
  });

  it("stores the same attempt once when it is submitted twice, even at the same moment", async () => {
    const user = await makeUser();
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([
      recordQuizAttempt(user.id, quiz, key, right),
      recordQuizAttempt(user.id, quiz, key, right),
    ]);
    expect(first.attemptId).toBe(second.attemptId);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("keeps the best score across retakes", async () => {
    const user = await makeUser();
    await recordQuizAttempt(user.id, quiz, crypto.randomUUID(), { ...right, q1: "b", q3: "a" });
    const outcome = await recordQuizAttempt(user.id, quiz, crypto.randomUUID(), right);
    expect(outcome.stats).toMatchObject({ attempts: 2, best: 1, mastered: true });
  });

  it("stores nothing for an invalid submission", async () => {
    const user = await makeUser();
    await expect(recordQuizAttempt(user.id, quiz, crypto.randomUUID(), { ...right, q7: "a" })).rejects.toBeInstanceOf(QuizSubmissionError);
    await expect(recordQuizAttempt(user.id, quiz, crypto.randomUUID(), { q1: "a" })).rejects.toThrow("unanswered");
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("toPublicQuiz", () => {
  it("sends no answers and no explanations to the browser, and shuffles ordering steps", async () => {
    const publicQuiz = await toPublicQuiz(quiz);
    const json = JSON.stringify(publicQuiz);
    expect(json).not.toMatch(/"answer"|"explanation"/);
    for (const question of quiz.questions) expect(json).not.toContain(question.explanation);
    const order = publicQuiz.questions.find((q) => q.type === "order");
    expect(order?.type === "order" && order.items.map((item) => item.id)).not.toEqual(["x", "y", "z"]);
  });
});
