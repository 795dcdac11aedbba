import { describe, expect, it } from "vitest";
import type { QuestionFeedback } from "@/lib/quiz/grade";
import { REVEAL_AFTER_ATTEMPTS, applyReveal, revealFor } from "@/lib/quiz/reveal";

const feedback: QuestionFeedback[] = [
  { questionId: "right", correct: true, credit: 1, explanation: "e1", correctAnswer: "b", yourAnswer: "b" },
  { questionId: "wrong", correct: false, credit: 0, explanation: "e2", correctAnswer: "c", yourAnswer: "a" },
  { questionId: "partly", correct: false, credit: 0.5, explanation: "e3", correctAnswer: ["a", "d"], yourAnswer: ["a"] },
];

describe("revealFor", () => {
  it("reveals every answer once the quiz is mastered, at any attempt", () => {
    expect(revealFor({ attempts: 1, mastered: true })).toEqual({ all: true, attemptsLeft: 0 });
  });

  it(`reveals every answer from attempt ${REVEAL_AFTER_ATTEMPTS} on without mastery, and counts down before it`, () => {
    expect(REVEAL_AFTER_ATTEMPTS).toBe(3);
    expect([1, 2, 3, 4].map((attempts) => revealFor({ attempts, mastered: false }))).toEqual([
      { all: false, attemptsLeft: 2 },
      { all: false, attemptsLeft: 1 },
      { all: true, attemptsLeft: 0 },
      { all: true, attemptsLeft: 0 },
    ]);
  });
});

describe("applyReveal", () => {
  it("keeps the explanation and the learner's answer for every question, the right answer only for questions answered right", () => {
    const shown = applyReveal(feedback, { all: false, attemptsLeft: 2 });
    expect(shown.map((item) => [item.questionId, item.explanation, item.yourAnswer])).toEqual([
      ["right", "e1", "b"],
      ["wrong", "e2", "a"],
      ["partly", "e3", ["a"]],
    ]);
    expect(shown[0].correctAnswer).toBe("b");
    // Not an undefined field: the key is absent, so nothing about it is serialised.
    expect(shown.slice(1).map((item) => "correctAnswer" in item)).toEqual([false, false]);
    expect(JSON.stringify(shown)).not.toContain('"c"');
    expect(JSON.stringify(shown)).not.toContain('"d"');
  });

  it("shows every right answer when the policy allows it", () => {
    expect(applyReveal(feedback, { all: true, attemptsLeft: 0 }).map((item) => item.correctAnswer)).toEqual(["b", "c", ["a", "d"]]);
  });
});
