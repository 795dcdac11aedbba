import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadCourseFrom, type Quiz } from "@/lib/content/load";
import type { Question } from "@/lib/content/schema";
import { recordQuizAttempt, startQuizAttempt, type StartedAttempt } from "@/lib/quiz/attempts";
import { DRAW_SIZE } from "@/lib/quiz/draw";
import { QuizSubmissionError } from "@/lib/quiz/grade";
import { toQuizSummary } from "@/lib/quiz/public";
import type { QuizAnswer } from "@/lib/schemas/quiz";
import { makeUser } from "@/tests/setup/factories";

const course = loadCourseFrom(path.join(import.meta.dirname, "../fixtures/content"));
/** The fixture's four questions: a quiz this small is asked whole, so only the option order varies. */
const quiz = course.quizzes.get("flask-hello-quiz")!;
const right = { q1: "a", q2: ["a", "c"], q3: "b", q4: ["x", "y", "z"] };

/** A bank of ten questions over the lesson's three objectives, built from the fixture's four. */
const bank: Quiz = {
  ...quiz,
  id: "flask-hello-bank",
  questions: Array.from({ length: 10 }, (_, i): Question => ({ ...quiz.questions[i % 4], id: `b${i + 1}`, objective: (i % 3) + 1 })),
};

function rightAnswerOf(question: Question): QuizAnswer {
  return question.type === "order" ? question.items.map((item) => item.id) : question.answer;
}
function wrongAnswerOf(question: Question): QuizAnswer {
  switch (question.type) {
    case "single":
    case "output":
      return question.options.find((option) => option.id !== question.answer)!.id;
    case "multiple":
      return question.options.filter((option) => !question.answer.includes(option.id)).map((option) => option.id);
    case "order":
      // Every step one place off: no credit.
      return [...question.items.slice(1), question.items[0]].map((item) => item.id);
  }
}
function questionsOf(quizFile: Quiz, attempt: StartedAttempt): Question[] {
  return attempt.quiz.questions.map((shown) => quizFile.questions.find((q) => q.id === shown.id)!);
}
function answersFor(questions: Question[], wrongIds: string[] = []): Record<string, QuizAnswer> {
  return Object.fromEntries(questions.map((q) => [q.id, wrongIds.includes(q.id) ? wrongAnswerOf(q) : rightAnswerOf(q)]));
}
/** The option (or step) ids of every shown question, in the order shown. */
function shownOrder(attempt: StartedAttempt): Record<string, string[]> {
  return Object.fromEntries(attempt.quiz.questions.map((q) => [q.id, (q.type === "order" ? q.items : q.options).map((o) => o.id)]));
}
/** A fixed seed source: the same sequence of seeds on every run. */
function seeds(...list: string[]): () => string {
  let index = 0;
  return () => list[index++ % list.length];
}

describe("startQuizAttempt", () => {
  it("stores the drawn questions and seed, and a reload gets the same attempt in the same order", async () => {
    const user = await makeUser();
    const first = await startQuizAttempt(user.id, bank, seeds("reload-seed"));
    expect(first.quiz.questions).toHaveLength(DRAW_SIZE);
    const again = await startQuizAttempt(user.id, bank, seeds("another-seed"));
    expect(again.attemptKey).toBe(first.attemptKey);
    expect(shownOrder(again)).toEqual(shownOrder(first));
    const draw = await db.quizDraw.findUniqueOrThrow({ where: { userId_attemptKey: { userId: user.id, attemptKey: first.attemptKey } } });
    expect(draw).toMatchObject({ quizId: bank.id, seed: "reload-seed", openQuizId: bank.id });
    expect(JSON.parse(draw.questionIds)).toEqual(first.quiz.questions.map((q) => q.id));
  });

  it("opens one attempt when asked several times at once", async () => {
    const user = await makeUser();
    const started = await Promise.all(Array.from({ length: 5 }, () => startQuizAttempt(user.id, bank)));
    expect(new Set(started.map((s) => s.attemptKey)).size).toBe(1);
    expect(await db.quizDraw.count({ where: { userId: user.id } })).toBe(1);
  });

  it("shows a different option order on a second attempt of the same quiz (fixed seeds)", async () => {
    const user = await makeUser();
    const source = seeds("attempt-one", "attempt-two");
    const first = await startQuizAttempt(user.id, quiz, source);
    await recordQuizAttempt(user.id, quiz, first.attemptKey, right);
    const second = await startQuizAttempt(user.id, quiz, source);
    expect(second.attemptKey).not.toBe(first.attemptKey);
    expect(second.quiz.questions.map((q) => q.id)).toEqual(first.quiz.questions.map((q) => q.id));
    expect(shownOrder(second)).not.toEqual(shownOrder(first));
    // Every shown order is a permutation of the file's options.
    for (const question of quiz.questions) {
      const fileIds = (question.type === "order" ? question.items : question.options).map((o) => o.id).sort();
      expect([...shownOrder(second)[question.id]].sort()).toEqual(fileIds);
    }
  });

  it("shuffles the options of every question type, not only ordering steps", async () => {
    const moved = new Set<string>();
    for (let n = 0; n < 12; n++) {
      const user = await makeUser();
      const attempt = await startQuizAttempt(user.id, quiz, seeds(`type-seed-${n}`));
      for (const question of quiz.questions) {
        const fileIds = (question.type === "order" ? question.items : question.options).map((o) => o.id);
        if (shownOrder(attempt)[question.id].join() !== fileIds.join()) moved.add(question.type);
      }
    }
    expect([...moved].sort()).toEqual(["multiple", "order", "output", "single"]);
  });

  it("draws a different mix on a retake, covering every objective each time", async () => {
    const user = await makeUser();
    const first = await startQuizAttempt(user.id, bank, seeds("mix-one"));
    await recordQuizAttempt(user.id, bank, first.attemptKey, answersFor(questionsOf(bank, first)));
    const second = await startQuizAttempt(user.id, bank, seeds("mix-two"));
    const firstIds = first.quiz.questions.map((q) => q.id);
    const secondIds = second.quiz.questions.map((q) => q.id);
    // Ten questions, five per attempt: the retake asks the five the first did not.
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    for (const attempt of [first, second]) {
      expect(new Set(questionsOf(bank, attempt).map((q) => q.objective))).toEqual(new Set([1, 2, 3]));
    }
  });

  it("draws again when the bank lost a question the open attempt drew", async () => {
    const user = await makeUser();
    const first = await startQuizAttempt(user.id, bank, seeds("before-edit"));
    const removed = first.quiz.questions[0].id;
    const edited: Quiz = { ...bank, version: "edited", questions: bank.questions.filter((q) => q.id !== removed) };
    const second = await startQuizAttempt(user.id, edited, seeds("after-edit"));
    expect(second.attemptKey).not.toBe(first.attemptKey);
    expect(second.quiz.questions.map((q) => q.id)).not.toContain(removed);
    await expect(recordQuizAttempt(user.id, edited, first.attemptKey, {})).rejects.toThrow("This quiz changed since you opened it");
  });
});

describe("recordQuizAttempt", () => {
  it("stores a graded attempt with its answers, score, content version, seed and drawn questions", async () => {
    const user = await makeUser();
    const started = await startQuizAttempt(user.id, quiz, seeds("stored-seed"));
    const outcome = await recordQuizAttempt(user.id, quiz, started.attemptKey, { ...right, q1: "b" });
    expect(outcome).toMatchObject({ score: 0.75, mastered: false, stats: { attempts: 1, best: 0.75, mastered: false } });
    const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: outcome.attemptId } });
    expect(row).toMatchObject({ quizId: quiz.id, lessonId: "flask-hello", score: 0.75, contentVersion: quiz.version, seed: "stored-seed" });
    expect(JSON.parse(row.answers)).toEqual({ ...right, q1: "b" });
    expect(JSON.parse(row.questionIds!)).toEqual(["q1", "q2", "q3", "q4"]);
    // The draw is closed: the next start opens a new attempt.
    expect((await startQuizAttempt(user.id, quiz)).attemptKey).not.toBe(started.attemptKey);
  });

  it("grades by option id: the same answers score the same under two different orders", async () => {
    const user = await makeUser();
    const source = seeds("grade-one", "grade-two");
    const answers = { ...right, q2: ["a", "b"], q4: ["y", "x", "z"] };
    const first = await startQuizAttempt(user.id, quiz, source);
    const a = await recordQuizAttempt(user.id, quiz, first.attemptKey, answers);
    const second = await startQuizAttempt(user.id, quiz, source);
    expect(shownOrder(second)).not.toEqual(shownOrder(first));
    const b = await recordQuizAttempt(user.id, quiz, second.attemptKey, answers);
    expect(b.score).toBe(a.score);
    expect(b.feedback.map(({ questionId, correct, credit }) => [questionId, correct, credit])).toEqual(
      a.feedback.map(({ questionId, correct, credit }) => [questionId, correct, credit]),
    );
  });

  it("accepts answers only for the questions the attempt drew", async () => {
    const user = await makeUser();
    const started = await startQuizAttempt(user.id, bank);
    const drawn = questionsOf(bank, started);
    const other = bank.questions.find((q) => !drawn.includes(q))!;
    await expect(
      recordQuizAttempt(user.id, bank, started.attemptKey, { ...answersFor(drawn), [other.id]: rightAnswerOf(other) }),
    ).rejects.toThrow(`has no question "${other.id}"`);
    // A bank needs a started attempt; a key the server never gave is refused.
    await expect(recordQuizAttempt(user.id, bank, crypto.randomUUID(), answersFor(drawn))).rejects.toThrow("not started");
    // A key started for one quiz cannot be spent on another.
    await expect(recordQuizAttempt(user.id, quiz, started.attemptKey, right)).rejects.toThrow("another quiz");
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
    const outcome = await recordQuizAttempt(user.id, bank, started.attemptKey, answersFor(drawn));
    expect(outcome).toMatchObject({ score: 1, questionCount: DRAW_SIZE });
  });

  it("stores the same attempt once when it is submitted twice, even at the same moment", async () => {
    const user = await makeUser();
    const { attemptKey } = await startQuizAttempt(user.id, quiz);
    const [first, second] = await Promise.all([
      recordQuizAttempt(user.id, quiz, attemptKey, right),
      recordQuizAttempt(user.id, quiz, attemptKey, { ...right, q1: "c" }),
    ]);
    expect(first.attemptId).toBe(second.attemptId);
    expect(first.score).toBe(second.score);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("keeps the best score across retakes", async () => {
    const user = await makeUser();
    await recordQuizAttempt(user.id, quiz, (await startQuizAttempt(user.id, quiz)).attemptKey, { ...right, q1: "b", q3: "a" });
    const outcome = await recordQuizAttempt(user.id, quiz, (await startQuizAttempt(user.id, quiz)).attemptKey, right);
    expect(outcome.stats).toMatchObject({ attempts: 2, best: 1, mastered: true });
  });

  it("stores nothing for an invalid submission", async () => {
    const user = await makeUser();
    const { attemptKey } = await startQuizAttempt(user.id, quiz);
    await expect(recordQuizAttempt(user.id, quiz, attemptKey, { ...right, q7: "a" })).rejects.toBeInstanceOf(QuizSubmissionError);
    await expect(recordQuizAttempt(user.id, quiz, attemptKey, { q1: "a" })).rejects.toThrow("unanswered");
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps attempts stored before question banks: they count, and a retake prefers the questions they did not answer", async () => {
    const user = await makeUser();
    const oldIds = ["b1", "b2", "b3", "b4", "b5"];
    await db.quizAttempt.create({
      data: {
        userId: user.id,
        trackId: "flask",
        lessonId: bank.lessonId,
        quizId: bank.id,
        attemptKey: crypto.randomUUID(),
        answers: JSON.stringify(Object.fromEntries(oldIds.map((id) => [id, "a"]))),
        results: "[]",
        score: 0.4,
        correctCount: 2,
        questionCount: 5,
        contentVersion: "old",
      },
    });
    const started = await startQuizAttempt(user.id, bank);
    expect(started.quiz.questions.map((q) => q.id).filter((id) => oldIds.includes(id))).toEqual([]);
    const outcome = await recordQuizAttempt(
      user.id,
      bank,
      started.attemptKey,
      answersFor(questionsOf(bank, started), [started.quiz.questions[0].id]),
    );
    expect(outcome.stats).toMatchObject({ attempts: 2, best: 0.8, mastered: true });
  });
});

describe("what reaches the browser", () => {
  it("the lesson page gets only the quiz's sizes", () => {
    expect(toQuizSummary(bank)).toEqual({ id: bank.id, lessonId: bank.lessonId, bankSize: 10, drawSize: DRAW_SIZE });
  });

  it("a started attempt carries no answers and no explanations", async () => {
    const user = await makeUser();
    const started = await startQuizAttempt(user.id, quiz);
    const json = JSON.stringify(started);
    expect(json).not.toMatch(/"answer"|"correctAnswer"|"explanation"/);
    for (const question of quiz.questions) expect(json).not.toContain(question.explanation);
  });

  it("an attempt's results show the right answer only for questions answered right, until mastery", async () => {
    const user = await makeUser();
    const started = await startQuizAttempt(user.id, bank);
    const drawn = questionsOf(bank, started);
    const wrong = drawn.slice(0, 2).map((q) => q.id);
    const outcome = await recordQuizAttempt(user.id, bank, started.attemptKey, answersFor(drawn, wrong));
    expect(outcome).toMatchObject({ mastered: false, reveal: { all: false, attemptsLeft: 2 } });
    for (const item of outcome.feedback) {
      const question = drawn.find((q) => q.id === item.questionId)!;
      expect(item.explanationHtml.length).toBeGreaterThan(0);
      if (wrong.includes(item.questionId)) {
        expect(item.correct).toBe(false);
        expect(item).not.toHaveProperty("correctAnswer");
        expect(item.yourAnswer).toEqual(wrongAnswerOf(question));
      } else {
        expect(item.correctAnswer).toEqual(rightAnswerOf(question));
      }
    }
    // The whole response, as the browser receives it, names no right answer for the wrong questions.
    const json = JSON.parse(JSON.stringify(outcome)) as typeof outcome;
    expect(
      json.feedback
        .filter((item) => "correctAnswer" in item)
        .map((item) => item.questionId)
        .sort(),
    ).toEqual(
      drawn
        .map((q) => q.id)
        .filter((id) => !wrong.includes(id))
        .sort(),
    );
    expect(JSON.stringify(outcome)).not.toMatch(/"answer"/);

    // Mastering it (the retake's own right answers aside) shows every right answer.
    const retake = await startQuizAttempt(user.id, bank);
    const retakeDrawn = questionsOf(bank, retake);
    const mastered = await recordQuizAttempt(user.id, bank, retake.attemptKey, answersFor(retakeDrawn, [retakeDrawn[0].id]));
    expect(mastered).toMatchObject({ mastered: true, reveal: { all: true, attemptsLeft: 0 } });
    expect(mastered.feedback.every((item) => item.correctAnswer !== undefined)).toBe(true);
  });

  it("shows every right answer from the third attempt on, mastered or not", async () => {
    const user = await makeUser();
    const reveals = [];
    for (let n = 0; n < 3; n++) {
      const started = await startQuizAttempt(user.id, bank);
      const drawn = questionsOf(bank, started);
      const outcome = await recordQuizAttempt(
        user.id,
        bank,
        started.attemptKey,
        answersFor(
          drawn,
          drawn.map((q) => q.id),
        ),
      );
      reveals.push([outcome.reveal, outcome.feedback.filter((item) => item.correctAnswer !== undefined).length]);
    }
    expect(reveals).toEqual([
      [{ all: false, attemptsLeft: 2 }, 0],
      [{ all: false, attemptsLeft: 1 }, 0],
      [{ all: true, attemptsLeft: 0 }, DRAW_SIZE],
    ]);
  });
});
