import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import type { Quiz } from "@/lib/content/load";
import { renderInline } from "@/lib/content/markdown";
import { MASTERY_THRESHOLD, QuizSubmissionError, gradeQuiz, type QuestionFeedback } from "@/lib/quiz/grade";
import type { QuizAnswer } from "@/lib/schemas/quiz";

export interface QuizStats {
  quizId: string;
  lessonId: string;
  attempts: number;
  best: number;
  mastered: boolean;
}

export interface AttemptOutcome {
  attemptId: string;
  score: number;
  correctCount: number;
  questionCount: number;
  mastered: boolean;
  feedback: (QuestionFeedback & { explanationHtml: string })[];
  stats: QuizStats;
}


/**
 * Grades and stores one attempt. The (userId, attemptKey) unique key makes a resubmission of the
 * same attempt (double click, retry after a timeout) return the stored result instead of a new row.
 * Throws QuizSubmissionError (nothing stored) when the answers cannot be graded.
 */
export async function recordQuizAttempt(
  userId: string,
  quiz: Quiz,
  attemptKey: string,
  answers: Record<string, QuizAnswer>,
): Promise<AttemptOutcome> {
  let graded = gradeQuiz(quiz.questions, answers);
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
  };
  let attemptId: string;
  try {
    attemptId = (await db.quizAttempt.create({ data, select: { id: true } })).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.quizAttempt.findUniqueOrThrow({ where: { userId_attemptKey: { userId, attemptKey } } });
    if (existing.quizId !== quiz.id) throw new QuizSubmissionError("This attempt was already used for another quiz. Reload the page.");
    // The stored attempt wins: report what was recorded, not what this retry carried.
    attemptId = existing.id;
    graded = gradeQuiz(quiz.questions, JSON.parse(existing.answers) as Record<string, QuizAnswer>);
  }
  const [stats] = await listQuizStats(userId, [quiz.id]);
  return {
    attemptId,
    score: graded.score,
    correctCount: graded.correctCount,
    questionCount: graded.questionCount,
    mastered: graded.mastered,
    feedback: graded.feedback.map((item) => ({ ...item, explanationHtml: renderInline(item.explanation) })),
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
