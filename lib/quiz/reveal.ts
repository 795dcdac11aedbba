import type { QuestionFeedback } from "@/lib/quiz/grade";
import type { QuizAnswer } from "@/lib/schemas/quiz";

// When the right answers reach the browser (docs/decisions/0011-quiz-banks-and-reveal.md). Pure, so
// the rule is unit-tested directly; lib/quiz/attempts.ts applies it to every graded attempt.
//
// After every submission the learner sees, for each question, whether they were right (with partial
// credit), their own answer and the explanation. The right option (or order) is shown only for
// questions they answered fully right, until the quiz is mastered or they have submitted it
// REVEAL_AFTER_ATTEMPTS times; from then on every attempt's results show every right answer.

export const REVEAL_AFTER_ATTEMPTS = 3;

export interface RevealState {
  /** Submitted attempts of this quiz, this one included. */
  attempts: number;
  /** Mastered in this attempt or an earlier one. */
  mastered: boolean;
}

export interface Reveal {
  /** Every right answer is shown. */
  all: boolean;
  /** Submissions still needed before every right answer is shown without mastery (0 once shown). */
  attemptsLeft: number;
}

/** Feedback the browser may see: `correctAnswer` is present only where the policy allows it. */
export interface RevealedFeedback {
  questionId: string;
  correct: boolean;
  credit: number;
  yourAnswer: QuizAnswer;
  explanation: string;
  correctAnswer?: string | string[];
}

export function revealFor(state: RevealState): Reveal {
  const all = state.mastered || state.attempts >= REVEAL_AFTER_ATTEMPTS;
  return { all, attemptsLeft: all ? 0 : Math.max(0, REVEAL_AFTER_ATTEMPTS - state.attempts) };
}

/** Drops the right answer from every question the policy does not reveal. */
export function applyReveal(feedback: QuestionFeedback[], reveal: Reveal): RevealedFeedback[] {
  return feedback.map(({ questionId, correct, credit, yourAnswer, explanation, correctAnswer }) => ({
    questionId,
    correct,
    credit,
    yourAnswer,
    explanation,
    ...(reveal.all || correct ? { correctAnswer } : {}),
  }));
}
