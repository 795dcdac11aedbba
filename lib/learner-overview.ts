import "server-only";
import type { Track } from "@/lib/content/load";
import { listExerciseStats } from "@/lib/exercises/stats";
import { listCompletedLessonIds, summarizeTrack } from "@/lib/progress";
import { listQuizStats, type QuizStats } from "@/lib/quiz/attempts";

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

/** Everything the learner dashboard shows, from three queries whatever the number of tracks. */
export async function getLearnerOverview(userId: string, tracks: Track[]): Promise<LearnerOverview> {
  const [completed, quizzes, exercises] = await Promise.all([
    listCompletedLessonIds(userId),
    listQuizStats(userId),
    listExerciseStats(userId),
  ]);
  const mastered = new Set(quizzes.filter((quiz) => quiz.mastered).map((quiz) => quiz.quizId));
  const solved = new Set(exercises.filter((exercise) => exercise.solved).map((exercise) => exercise.exerciseId));
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
