import type { Question } from "@/lib/content/schema";
import { ExpectedError } from "@/lib/errors";
import type { QuizAnswer } from "@/lib/schemas/quiz";

// Pure quiz grading: no I/O, so every rule is unit-tested directly.

export const MASTERY_THRESHOLD = 0.8;

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  /** 0..1: partial credit for multiple-choice and ordering questions. */
  credit: number;
}

export interface QuestionFeedback extends QuestionResult {
  explanation: string;
  /** The right answer, revealed only after grading: option id, option ids, or item ids in order. */
  correctAnswer: string | string[];
  yourAnswer: QuizAnswer;
}

export interface GradedQuiz {
  score: number;
  correctCount: number;
  questionCount: number;
  mastered: boolean;
  results: QuestionResult[];
  feedback: QuestionFeedback[];
}

/** A submission that cannot be graded. The message is shown to the learner as it is. */
export class QuizSubmissionError extends ExpectedError {
  constructor(message: string) {
    super(400, message);
    this.name = "QuizSubmissionError";
  }
}

function correctAnswerOf(question: Question): string | string[] {
  return question.type === "order" ? question.items.map((item) => item.id) : question.answer;
}

function checkShape(question: Question, answer: QuizAnswer): void {
  const label = `Question "${question.id}"`;
  if (question.type === "single" || question.type === "output") {
    if (typeof answer !== "string") throw new QuizSubmissionError(`${label} takes one choice, not a list.`);
    if (!question.options.some((option) => option.id === answer)) {
      throw new QuizSubmissionError(`${label} has no option "${answer}".`);
    }
    return;
  }
  if (!Array.isArray(answer)) throw new QuizSubmissionError(`${label} takes a list of choices.`);
  if (new Set(answer).size !== answer.length) throw new QuizSubmissionError(`${label} lists the same choice twice.`);
  const ids = new Set((question.type === "order" ? question.items : question.options).map((option) => option.id));
  const unknown = answer.find((id) => !ids.has(id));
  if (unknown) throw new QuizSubmissionError(`${label} has no option "${unknown}".`);
  if (question.type === "multiple" && answer.length === 0) throw new QuizSubmissionError(`${label}: choose at least one option.`);
  if (question.type === "order" && answer.length !== ids.size) {
    throw new QuizSubmissionError(`${label}: put all ${ids.size} steps in order.`);
  }
}

function creditFor(question: Question, answer: QuizAnswer): number {
  switch (question.type) {
    case "single":
    case "output":
      return answer === question.answer ? 1 : 0;
    case "multiple": {
      // Each right choice earns a share; each wrong choice takes one back, never below zero.
      const right = new Set(question.answer);
      const chosen = answer as string[];
      const hits = chosen.filter((id) => right.has(id)).length;
      const misses = chosen.length - hits;
      return Math.max(0, (hits - misses) / right.size);
    }
    case "order": {
      // The share of steps in their right place.
      const chosen = answer as string[];
      const inPlace = question.items.filter((item, index) => chosen[index] === item.id).length;
      return inPlace / question.items.length;
    }
  }
}

/** Grades a complete submission. Throws QuizSubmissionError for anything unanswerable or malformed. */
export function gradeQuiz(questions: Question[], answers: Record<string, QuizAnswer>): GradedQuiz {
  const known = new Set(questions.map((question) => question.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length) {
    throw new QuizSubmissionError(
      `This quiz has no question ${unknown.map((id) => `"${id}"`).join(", ")}. Reload the page to get the current quiz.`,
    );
  }
  const missing = questions.flatMap((question, index) => (answers[question.id] === undefined ? [index + 1] : []));
  if (missing.length) {
    throw new QuizSubmissionError(
      `Answer every question before submitting: question ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} unanswered.`,
    );
  }
  const feedback = questions.map((question): QuestionFeedback => {
    const answer = answers[question.id];
    checkShape(question, answer);
    const credit = Math.round(creditFor(question, answer) * 1000) / 1000;
    return {
      questionId: question.id,
      correct: credit === 1,
      credit,
      explanation: question.explanation,
      correctAnswer: correctAnswerOf(question),
      yourAnswer: answer,
    };
  });
  const total = feedback.reduce((sum, item) => sum + item.credit, 0);
  const score = questions.length ? Math.round((total / questions.length) * 1000) / 1000 : 0;
  return {
    score,
    correctCount: feedback.filter((item) => item.correct).length,
    questionCount: questions.length,
    mastered: score >= MASTERY_THRESHOLD,
    results: feedback.map(({ questionId, correct, credit }) => ({ questionId, correct, credit })),
    feedback,
  };
}
