import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { lessonCompletedWrites, lessonIncompleteWrites } from "@/lib/instructor/summary";
import type { Lesson, Track } from "@/lib/content/load";
import { listExerciseStats, type ExerciseStats } from "@/lib/exercises/stats";
import { listQuizStats, type QuizStats } from "@/lib/quiz/attempts";

/**
 * Marks a lesson complete. The unique (userId, lessonId) key makes it idempotent: double clicks, two
 * tabs and retries store one row. An insert that loses a race to an identical one is success too
 * (Prisma's upsert reads then writes, so it can still collide under concurrency on PostgreSQL).
 */
export async function recordLessonComplete(userId: string, lesson: Pick<Lesson, "id" | "trackId">): Promise<void> {
  try {
    const completedAt = new Date();
    await db.$transaction([
      db.lessonProgress.create({ data: { userId, lessonId: lesson.id, trackId: lesson.trackId, completedAt } }),
      ...lessonCompletedWrites(userId, lesson, completedAt),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function recordLessonIncomplete(userId: string, lessonId: string): Promise<void> {
  await db.$transaction([db.lessonProgress.deleteMany({ where: { userId, lessonId } }), ...lessonIncompleteWrites(userId, lessonId)]);
}

export async function listCompletedLessonIds(userId: string, trackId?: string): Promise<string[]> {
  const rows = await db.lessonProgress.findMany({
    where: { userId, ...(trackId ? { trackId } : {}) },
    select: { lessonId: true },
  });
  return rows.map((row) => row.lessonId);
}

export interface TrackProgress {
  trackId: string;
  completed: number;
  total: number;
  percent: number;
  /** The first lesson not yet completed, in track order (undefined when all are done). */
  nextLessonId?: string;
}

/** Pure: progress through a track given the completed lesson ids. Ids of removed lessons are ignored. */
export function summarizeTrack(track: Pick<Track, "id" | "lessons">, completedIds: Iterable<string>): TrackProgress {
  const done = new Set(completedIds);
  const completed = track.lessons.filter((lesson) => done.has(lesson.id)).length;
  const total = track.lessons.length;
  return {
    trackId: track.id,
    completed,
    total,
    percent: total ? Math.round((completed / total) * 100) : 0,
    nextLessonId: track.lessons.find((lesson) => !done.has(lesson.id))?.id,
  };
}

/** What a client needs to decorate a static track or lesson page for one learner. */
export interface TrackState {
  trackId: string;
  completedLessonIds: string[];
  quizzes: Record<string, QuizStats>;
  exercises: Record<string, ExerciseStats>;
}

export async function getTrackState(userId: string, trackId: string): Promise<TrackState> {
  const [completedLessonIds, quizzes, exercises] = await Promise.all([
    listCompletedLessonIds(userId, trackId),
    listQuizStats(userId, undefined, trackId),
    listExerciseStats(userId, trackId),
  ]);
  return {
    trackId,
    completedLessonIds,
    quizzes: Object.fromEntries(quizzes.map((quiz) => [quiz.quizId, quiz])),
    exercises: Object.fromEntries(exercises.map((exercise) => [exercise.exerciseId, exercise])),
  };
}
