import { describe, expect, it } from "vitest";
import type { Question } from "@/lib/content/schema";
import { QuizSubmissionError, gradeQuiz } from "@/lib/quiz/grade";

const options = [
  { id: "a", text: "A" },
  { id: "b", text: "B" },
  { id: "c", text: "C" },
  { id: "d", text: "D" },
];
const questions: Question[] = [
  { id: "single", type: "single", prompt: "p", explanation: "e1", options, answer: "b" },
  { id: "multi", type: "multiple", prompt: "p", explanation: "e2", options, answer: ["a", "c"] },
  { id: "out", type: "output", prompt: "p", explanation: "e3", code: "print(2)", language: "python", options, answer: "d" },
  {
    id: "order",
    type: "order",
    prompt: "p",
    explanation: "e4",
    items: [
      { id: "x", text: "X" },
      { id: "y", text: "Y" },
      { id: "z", text: "Z" },
    ],
  },
];
const allRight = { single: "b", multi: ["c", "a"], out: "d", order: ["x", "y", "z"] };

describe("gradeQuiz", () => {
  it("gives full marks and mastery for all right answers", () => {
    const graded = gradeQuiz(questions, allRight);
    expect(graded).toMatchObject({ score: 1, correctCount: 4, questionCount: 4, mastered: true });
    expect(graded.feedback.map((f) => f.explanation)).toEqual(["e1", "e2", "e3", "e4"]);
  });

  it("grades single choice and predict-the-output as right or wrong", () => {
    const graded = gradeQuiz(questions, { ...allRight, single: "a", out: "a" });
    expect(graded.results.filter((r) => !r.correct).map((r) => [r.questionId, r.credit])).toEqual([
      ["single", 0],
      ["out", 0],
    ]);
    expect(graded.feedback[0].correctAnswer).toBe("b");
  });

  it("gives partial credit for multiple choice, and takes one share back per wrong pick", () => {
    expect(gradeQuiz(questions, { ...allRight, multi: ["a"] }).results[1]).toEqual({ questionId: "multi", correct: false, credit: 0.5 });
    expect(gradeQuiz(questions, { ...allRight, multi: ["a", "c", "b"] }).results[1].credit).toBe(0.5);
    expect(gradeQuiz(questions, { ...allRight, multi: ["b", "d"] }).results[1].credit).toBe(0);
  });

  it("gives ordering credit for each step in its right place", () => {
    const result = gradeQuiz(questions, { ...allRight, order: ["x", "z", "y"] }).results[3];
    expect(result.correct).toBe(false);
    expect(result.credit).toBeCloseTo(1 / 3, 3);
  });

  it("masters at 80% and not below", () => {
    // 3 right + half of one: 3.5 / 4 = 0.875
    expect(gradeQuiz(questions, { ...allRight, multi: ["a"] }).mastered).toBe(true);
    // 3 of 4: 0.75
    expect(gradeQuiz(questions, { ...allRight, single: "a" })).toMatchObject({ score: 0.75, mastered: false });
  });

  it.each([
    ["an unknown question id", { ...allRight, q9: "a" }, 'This quiz has no question "q9"'],
    ["a missing answer", { single: "b", multi: ["a"], out: "d" }, "question 4 is unanswered"],
    ["a list for a single choice", { ...allRight, single: ["b"] }, "takes one choice, not a list"],
    ["a single id for multiple choice", { ...allRight, multi: "a" }, "takes a list of choices"],
    ["an option that does not exist", { ...allRight, out: "zz" }, 'has no option "zz"'],
    ["an answer from another quiz's options", { ...allRight, order: ["x", "y", "q"] }, 'has no option "q"'],
    ["an incomplete ordering", { ...allRight, order: ["x", "y"] }, "put all 3 steps in order"],
    ["a repeated choice", { ...allRight, multi: ["a", "a"] }, "lists the same choice twice"],
    ["an empty multiple choice", { ...allRight, multi: [] }, "choose at least one option"],
  ])("rejects %s with a clear message", (_label, answers, message) => {
    expect(() => gradeQuiz(questions, answers as Record<string, string | string[]>)).toThrow(QuizSubmissionError);
    expect(() => gradeQuiz(questions, answers as Record<string, string | string[]>)).toThrow(message);
  });
});
