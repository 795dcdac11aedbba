import "server-only";
import { db } from "@/lib/db";
import type { Lesson, Track } from "@/lib/content/load";

/** Marks a lesson complete. An upsert on (userId, lessonId): double clicks, two tabs and retries store one row. */
export async function recordLessonComplete(userId: string, lesson: Pick<Lesson, "id" | "trackId">): Promise<void> {
  await db.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId: lesson.id } },
    create: { userId, lessonId: lesson.id, trackId: lesson.trackId },
    update: {},
  });
}

export async function recordLessonIncomplete(userId: string, lessonId: string): Promise<void> {
  await db.lessonProgress.deleteMany({ where: { userId, lessonId } });
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
}

export async function getTrackState(userId: string, trackId: string): Promise<TrackState> {
  return { trackId, completedLessonIds: await listCompletedLessonIds(userId, trackId) };
}
