import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import type { Quiz } from "@/lib/content/load";
import { quizAttemptWrites } from "@/lib/instructor/summary";
import type { Question } from "@/lib/content/schema";
import { renderInline } from "@/lib/content/markdown";
import { DRAW_SIZE, drawQuestions, randomSeed } from "@/lib/quiz/draw";
import { MASTERY_THRESHOLD, QuizSubmissionError, gradeQuiz } from "@/lib/quiz/grade";
import { toPublicQuiz, type PublicQuiz } from "@/lib/quiz/public";
import { applyReveal, revealFor, type Reveal, type RevealedFeedback } from "@/lib/quiz/reveal";
import { decodeQuestionIds, decodeQuizAnswers } from "@/lib/records";
import type { QuizAnswer } from "@/lib/schemas/quiz";

// An attempt has two steps. startQuizAttempt draws the questions and a seed on the server and stores
// them (QuizDraw), so a reload shows the same attempt; recordQuizAttempt grades a submission against
// exactly those questions and stores it (QuizAttempt). See docs/decisions/0011-quiz-banks-and-reveal.md.

export interface QuizStats {
  quizId: string;
  lessonId: string;
  attempts: number;
  best: number;
  mastered: boolean;
}

export interface StartedAttempt {
  /** Submit the attempt under this key. */
  attemptKey: string;
  quiz: PublicQuiz;
}

export interface AttemptOutcome {
  attemptId: string;
  score: number;
  correctCount: number;
  questionCount: number;
  mastered: boolean;
  /** Which right answers this outcome shows (lib/quiz/reveal.ts). */
  reveal: Reveal;
  feedback: (Omit<RevealedFeedback, "explanation"> & { explanationHtml: string })[];
  stats: QuizStats;
}

/** The questions a stored id list names, in that order; null when one of them left the bank. */
function questionsOf(quiz: Quiz, json: string): Question[] | null {
  const ids = decodeQuestionIds(json);
  if (!ids) return null;
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  const questions = ids.map((id) => byId.get(id));
  return questions.every((question) => question !== undefined) ? (questions as Question[]) : null;
}

/** The question ids the learner's latest submitted attempt of this quiz asked (older rows: the ids it answered). */
async function previousQuestionIds(userId: string, quizId: string): Promise<string[]> {
  const last = await db.quizAttempt.findFirst({
    where: { userId, quizId },
    orderBy: { createdAt: "desc" },
    select: { questionIds: true, answers: true },
  });
  if (!last) return [];
  return last.questionIds === null ? Object.keys(decodeQuizAnswers(last.answers)) : (decodeQuestionIds(last.questionIds) ?? []);
}

/**
 * The learner's open attempt of this quiz, or a new one: questions drawn from the bank (covering the
 * lesson's objectives, preferring those the previous attempt did not ask) and a seed that orders
 * their options. At most one attempt per learner and quiz is open, so a reload (or two tabs) gets the
 * same questions in the same order. `newSeed` is replaceable for tests.
 */
export async function startQuizAttempt(userId: string, quiz: Quiz, newSeed: () => string = randomSeed): Promise<StartedAttempt> {
  for (let round = 0; round < 3; round++) {
    const open = await db.quizDraw.findFirst({ where: { userId, openQuizId: quiz.id } });
    if (open) {
      const questions = questionsOf(quiz, open.questionIds);
      const submitted = await db.quizAttempt.findUnique({
        where: { userId_attemptKey: { userId, attemptKey: open.attemptKey } },
        select: { id: true },
      });
      if (questions && !submitted) return { attemptKey: open.attemptKey, quiz: await toPublicQuiz(quiz, questions, open.seed) };
      // Submitted but left open (the process stopped between the two writes), or the bank lost a
      // question it drew: close it and draw again.
      await db.quizDraw.updateMany({ where: { id: open.id, openQuizId: quiz.id }, data: { openQuizId: null } });
    }
    const seed = newSeed();
    const questions = drawQuestions(quiz.questions, seed, await previousQuestionIds(userId, quiz.id));
    const attemptKey = randomUUID();
    try {
      await db.quizDraw.create({
        data: { userId, quizId: quiz.id, attemptKey, seed, questionIds: JSON.stringify(questions.map((q) => q.id)), openQuizId: quiz.id },
      });
      return { attemptKey, quiz: await toPublicQuiz(quiz, questions, seed) };
    } catch (error) {
      // Another request opened an attempt at the same moment: the next round returns that one.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`Could not open an attempt of ${quiz.id}`);
}

/** The questions (and seed) a submission under this key is graded on. */
async function drawnFor(
  userId: string,
  quiz: Quiz,
  attemptKey: string,
): Promise<{ questions: Question[]; seed: string | null; started: boolean }> {
  const draw = await db.quizDraw.findUnique({ where: { userId_attemptKey: { userId, attemptKey } } });
  if (draw) {
    if (draw.quizId !== quiz.id) throw new QuizSubmissionError("This attempt was started for another quiz. Reload the page.");
    const questions = questionsOf(quiz, draw.questionIds);
    if (!questions) throw new QuizSubmissionError("This quiz changed since you opened it. Reload the page to get the current questions.");
    return { questions, seed: draw.seed, started: true };
  }
  // A quiz no bigger than one draw is asked whole, so there was nothing to draw.
  if (quiz.questions.length <= DRAW_SIZE) return { questions: quiz.questions, seed: null, started: false };
  throw new QuizSubmissionError("This attempt was not started on this page. Reload the page to get your questions.");
}

/**
 * Grades and stores one attempt, on the questions its draw asked and nothing else. The (userId,
 * attemptKey) unique key makes a resubmission of the same attempt (double click, retry after a
 * timeout) return the stored result instead of a new row. Throws QuizSubmissionError (nothing
 * stored) when the answers cannot be graded.
 */
export async function recordQuizAttempt(
  userId: string,
  quiz: Quiz,
  attemptKey: string,
  answers: Record<string, QuizAnswer>,
): Promise<AttemptOutcome> {
  const { questions, seed, started } = await drawnFor(userId, quiz, attemptKey);
  let graded = gradeQuiz(questions, answers);
  const data = {
    userId,
    trackId: quiz.trackId,
    lessonId: quiz.lessonId,
    quizId: quiz.id,
    attemptKey,
    answers: JSON.stringify(answers),
    results: JSON.stringify(graded.results),
    score: graded.score,
    correctCount: graded.correctCount,
    questionCount: graded.questionCount,
    contentVersion: quiz.version,
    seed,
    questionIds: JSON.stringify(questions.map((q) => q.id)),
  };
  let attemptId: string;
  try {
    const at = new Date();
    const [created] = await db.$transaction([
      db.quizAttempt.create({ data: { ...data, createdAt: at }, select: { id: true } }),
      ...quizAttemptWrites({ ...data, at }),
    ]);
    attemptId = (created as { id: string }).id;
    if (started) await db.quizDraw.updateMany({ where: { userId, attemptKey, openQuizId: quiz.id }, data: { openQuizId: null } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.quizAttempt.findUniqueOrThrow({ where: { userId_attemptKey: { userId, attemptKey } } });
    if (existing.quizId !== quiz.id) throw new QuizSubmissionError("This attempt was already used for another quiz. Reload the page.");
    // The stored attempt wins: report what was recorded, not what this retry carried.
    attemptId = existing.id;
    graded = gradeQuiz(questions, decodeQuizAnswers(existing.answers));
  }
  const [stats] = await listQuizStats(userId, [quiz.id]);
  const reveal = revealFor(stats);
  return {
    attemptId,
    score: graded.score,
    correctCount: graded.correctCount,
    questionCount: graded.questionCount,
    mastered: graded.mastered,
    reveal,
    feedback: applyReveal(graded.feedback, reveal).map(({ explanation, ...item }) => ({
      ...item,
      explanationHtml: renderInline(explanation),
    })),
    stats,
  };
}

/** Best score, attempt count and mastery for each quiz the user has attempted (of those asked for, or all). */
export async function listQuizStats(userId: string, quizIds?: string[], trackId?: string): Promise<QuizStats[]> {
  const rows = await db.quizAttempt.groupBy({
    by: ["quizId", "lessonId"],
    where: { userId, ...(quizIds ? { quizId: { in: quizIds } } : {}), ...(trackId ? { trackId } : {}) },
    _max: { score: true },
    _count: { _all: true },
  });
  return rows.map((row) => ({
    quizId: row.quizId,
    lessonId: row.lessonId,
    attempts: row._count._all,
    best: row._max.score ?? 0,
    mastered: (row._max.score ?? 0) >= MASTERY_THRESHOLD,
  }));
}
