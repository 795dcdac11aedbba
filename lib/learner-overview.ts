import "server-only";
import { getCourse, type Track } from "@/lib/content/load";
import { db } from "@/lib/db";
import { summarizeTrack } from "@/lib/progress";
import type { QuizStats } from "@/lib/quiz/attempts";
import { MASTERY_THRESHOLD } from "@/lib/quiz/grade";

export interface TrackOverview {
  trackId: string;
  title: string;
  completed: number;
  total: number;
  nextLessonId?: string;
  quizzesMastered: number;
  quizTotal: number;
  exercisesSolved: number;
  exerciseTotal: number;
}

export interface LearnerOverview {
  tracks: TrackOverview[];
  /** Attempted quizzes, the ones that need review first. */
  quizzes: QuizStats[];
}

/**
 * Everything the learner dashboard shows, from one query: the learner's summary rows (one per lesson
 * they touched, lib/instructor/summary.ts), so the cost does not grow with their attempts.
 */
export async function getLearnerOverview(userId: string, tracks: Track[]): Promise<LearnerOverview> {
  const rows = await db.lessonSummary.findMany({
    where: { userId },
    select: { lessonId: true, completedAt: true, quizAttempts: true, quizBest: true, exerciseVerdict: true },
  });
  const lessons = getCourse().lessons;
  const completed = rows.filter((row) => row.completedAt).map((row) => row.lessonId);
  const quizzes: QuizStats[] = rows.flatMap((row) => {
    const quizId = lessons.get(row.lessonId)?.quiz?.id;
    if (!quizId || !row.quizAttempts) return [];
    const best = row.quizBest ?? 0;
    return [{ quizId, lessonId: row.lessonId, attempts: row.quizAttempts, best, mastered: best >= MASTERY_THRESHOLD }];
  });
  const mastered = new Set(quizzes.filter((quiz) => quiz.mastered).map((quiz) => quiz.quizId));
  const solved = new Set(
    rows.flatMap((row) => {
      const exerciseId = lessons.get(row.lessonId)?.exercise?.id;
      return exerciseId && row.exerciseVerdict === "PASS" ? [exerciseId] : [];
    }),
  );
  return {
    tracks: tracks.map((track) => {
      const progress = summarizeTrack(track, completed);
      const quizIds = track.lessons.flatMap((lesson) => (lesson.quiz ? [lesson.quiz.id] : []));
      const exerciseIds = track.lessons.flatMap((lesson) => (lesson.exercise ? [lesson.exercise.id] : []));
      return {
        trackId: track.id,
        title: track.title,
        completed: progress.completed,
        total: progress.total,
        nextLessonId: progress.nextLessonId,
        quizzesMastered: quizIds.filter((id) => mastered.has(id)).length,
        quizTotal: quizIds.length,
        exercisesSolved: exerciseIds.filter((id) => solved.has(id)).length,
        exerciseTotal: exerciseIds.length,
      };
    }),
    quizzes: [...quizzes].sort((a, b) => Number(a.mastered) - Number(b.mastered) || a.best - b.best),
  };
}
