import "server-only";
import { getCourse, type Exercise, type Lesson, type Quiz, type Track } from "@/lib/content/load";
import { TRACK_IDS, type TrackId } from "@/lib/content/schema";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isTrackId(value: string): value is TrackId {
  return (TRACK_IDS as readonly string[]).includes(value);
}

export function listTracks(): Track[] {
  return getCourse().tracks;
}

export function getTrack(trackId: string): Track | undefined {
  if (!isTrackId(trackId)) return undefined;
  return getCourse().tracks.find((track) => track.id === trackId);
}

/** Looks a lesson up by URL parts. Anything outside [a-z0-9-] is refused before any lookup. */
export function getLessonBySlug(trackId: string, slug: string): Lesson | undefined {
  if (!SLUG.test(slug)) return undefined;
  return getTrack(trackId)?.lessons.find((lesson) => lesson.slug === slug);
}

export function getLesson(lessonId: string): Lesson | undefined {
  return getCourse().lessons.get(lessonId);
}

export function getQuiz(quizId: string): Quiz | undefined {
  return getCourse().quizzes.get(quizId);
}

export function getExercise(exerciseId: string): Exercise | undefined {
  return getCourse().exercises.get(exerciseId);
}

export function lessonPath(lesson: Pick<Lesson, "trackId" | "slug">): string {
  return `/learn/${lesson.trackId}/${lesson.slug}`;
}

export function neighbours(lesson: Lesson): { previous?: Lesson; next?: Lesson } {
  const track = getTrack(lesson.trackId);
  if (!track) return {};
  return { previous: track.lessons[lesson.index - 1], next: track.lessons[lesson.index + 1] };
}

/** Short public facts about a lesson for lists, without its body. */
export type LessonSummary = Pick<Lesson, "id" | "trackId" | "slug" | "title" | "minutes" | "summary" | "index"> & {
  hasQuiz: boolean;
  hasExercise: boolean;
};

export function summarize(lesson: Lesson): LessonSummary {
  const { id, trackId, slug, title, minutes, summary, index } = lesson;
  return { id, trackId, slug, title, minutes, summary, index, hasQuiz: Boolean(lesson.quiz), hasExercise: Boolean(lesson.exercise) };
}
