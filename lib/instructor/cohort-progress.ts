import "server-only";
import { getCourse, type Track } from "@/lib/content/load";
import type { TrackId } from "@/lib/content/schema";
import { db } from "@/lib/db";
import { toVerdict, type Verdict } from "@/lib/exercises/verdict";
import { getOwnedCohort, type CohortSummary } from "@/lib/instructor/cohorts";
import { assertInstructor, type Viewer } from "@/lib/instructor/access";
import { MASTERY_THRESHOLD } from "@/lib/quiz/grade";

// The cohort dashboard and the CSV export read the same progress, loaded with a fixed number of
// queries whatever the cohort's size: every query selects "rows of users enrolled in this cohort of
// this owner" through a relation filter, then rows are grouped in memory. A relation filter rather
// than `userId IN (…ids)`: Prisma splits an IN list above 999 values into several SQLite queries,
// so a 1,000-learner cohort would cost more queries than a 100-learner one. See ADR 0007.
// This module loads and scores; lib/instructor/dashboard.ts shapes the result for the dashboard page,
// lib/instructor/csv.ts for the export.

export const INACTIVE_DAYS = 7;
/** Failed attempts at one quiz or exercise, never passed, that flag a learner as stuck. */
export const REPEATED_FAILURES = 3;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface LessonColumn {
  id: string;
  title: string;
  trackId: TrackId;
  quizId?: string;
  exerciseId?: string;
}

export interface TrackColumns {
  id: TrackId;
  title: string;
  lessons: LessonColumn[];
}

export interface LessonCell {
  completed: boolean;
  /** Best quiz score 0..1, or null when the quiz was never attempted (or the lesson has none). */
  quizBest: number | null;
  quizAttempts: number;
  /** PASS when any server run passed, otherwise the latest verdict; null when nothing was submitted. */
  exercise: Verdict | null;
  submissions: number;
}

export interface LearnerProgress {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  lastActiveAt: Date | null;
  cells: Record<string, LessonCell>;
  /** Over the lessons in view. */
  completed: number;
  total: number;
  percent: number;
  quizzesMastered: number;
  quizTotal: number;
  exercisesPassed: number;
  exerciseTotal: number;
  byTrack: Record<string, { completed: number; total: number }>;
  risks: string[];
}

export interface ActivityEvent {
  userId: string;
  at: Date;
  trackId: string | null;
}

export interface AttemptRow {
  userId: string;
  quizId: string;
  lessonId: string;
  trackId: string;
  score: number;
  results: string;
  createdAt: Date;
}

export interface CohortProgress {
  cohort: CohortSummary;
  tracks: TrackColumns[];
  learners: LearnerProgress[];
  events: ActivityEvent[];
  attempts: AttemptRow[];
}

function columnsOf(track: Track): TrackColumns {
  return {
    id: track.id,
    title: track.title,
    lessons: track.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      trackId: lesson.trackId,
      quizId: lesson.quiz?.id,
      exerciseId: lesson.exercise?.id,
    })),
  };
}

/** Pure: why a learner looks stuck or gone, in words an instructor can act on. */
export function assessRisk(input: {
  joinedAt: Date;
  lastActiveAt: Date | null;
  quizzes: Iterable<{ title: string; failures: number; mastered: boolean }>;
  exercises: Iterable<{ title: string; failures: number; passed: boolean }>;
  now: Date;
}): string[] {
  const risks: string[] = [];
  const since = input.lastActiveAt ?? input.joinedAt;
  const idleDays = Math.floor((input.now.getTime() - since.getTime()) / DAY_MS);
  if (idleDays >= INACTIVE_DAYS) {
    risks.push(input.lastActiveAt ? `No activity for ${idleDays} days` : `No activity since joining ${idleDays} days ago`);
  }
  for (const quiz of input.quizzes) {
    if (!quiz.mastered && quiz.failures >= REPEATED_FAILURES) risks.push(`${quiz.failures} failed attempts at the ${quiz.title} quiz`);
  }
  for (const exercise of input.exercises) {
    if (!exercise.passed && exercise.failures >= REPEATED_FAILURES) {
      risks.push(`${exercise.failures} failed submissions for the ${exercise.title} exercise`);
    }
  }
  return risks;
}

function latest(a: Date | null, b: Date): Date {
  return a && a.getTime() >= b.getTime() ? a : b;
}

/**
 * Everyone in one of the viewer's cohorts with their progress over `trackIds` (all tracks when
 * omitted). A fixed number of queries: the cohort, then seven reads run together.
 */
export async function loadCohortProgress(
  viewer: Viewer,
  cohortId: string,
  options: { trackIds?: readonly string[]; now?: Date } = {},
): Promise<CohortProgress> {
  assertInstructor(viewer);
  const now = options.now ?? new Date();
  const cohort = await getOwnedCohort(viewer, cohortId);
  // Repeats the owner check inside every query: these reads can never return another cohort's rows.
  const inCohort = { enrollments: { some: { cohortId: cohort.id, cohort: { ownerId: viewer.id } } } };
  const [users, enrollments, lessons, attempts, submissions, milestones, choices] = await Promise.all([
    db.user.findMany({ where: inCohort, select: { id: true, name: true, email: true } }),
    db.enrollment.findMany({ where: { cohortId: cohort.id, cohort: { ownerId: viewer.id } }, select: { userId: true, joinedAt: true } }),
    db.lessonProgress.findMany({ where: { user: inCohort }, select: { userId: true, lessonId: true, trackId: true, completedAt: true } }),
    db.quizAttempt.findMany({
      where: { user: inCohort },
      select: { userId: true, quizId: true, lessonId: true, trackId: true, score: true, results: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.exerciseSubmission.findMany({
      where: { user: inCohort },
      select: { userId: true, exerciseId: true, lessonId: true, trackId: true, verdict: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.projectMilestone.findMany({ where: { user: inCohort }, select: { userId: true, doneAt: true } }),
    db.chooserResult.findMany({ where: { user: inCohort }, select: { userId: true, createdAt: true } }),
  ]);

  const course = getCourse();
  const allTracks = course.tracks.map(columnsOf);
  const tracks = options.trackIds ? allTracks.filter((track) => options.trackIds!.includes(track.id)) : allTracks;
  const inView = tracks.flatMap((track) => track.lessons);

  const joined = new Map(enrollments.map((row) => [row.userId, row.joinedAt]));
  const cells = new Map<string, Record<string, LessonCell>>();
  const lastActive = new Map<string, Date>();
  const events: ActivityEvent[] = [];
  const cellOf = (userId: string, lessonId: string): LessonCell => {
    let row = cells.get(userId);
    if (!row) cells.set(userId, (row = {}));
    return (row[lessonId] ??= { completed: false, quizBest: null, quizAttempts: 0, exercise: null, submissions: 0 });
  };
  const touch = (userId: string, at: Date, trackId: string | null) => {
    lastActive.set(userId, latest(lastActive.get(userId) ?? null, at));
    events.push({ userId, at, trackId });
  };

  for (const row of lessons) {
    cellOf(row.userId, row.lessonId).completed = true;
    touch(row.userId, row.completedAt, row.trackId);
  }
  const quizFailures = new Map<string, Map<string, number>>();
  for (const row of attempts) {
    const cell = cellOf(row.userId, row.lessonId);
    cell.quizAttempts += 1;
    cell.quizBest = Math.max(cell.quizBest ?? 0, row.score);
    if (row.score < MASTERY_THRESHOLD) bump(quizFailures, row.userId, row.quizId);
    touch(row.userId, row.createdAt, row.trackId);
  }
  const exerciseFailures = new Map<string, Map<string, number>>();
  for (const row of submissions) {
    const cell = cellOf(row.userId, row.lessonId);
    cell.submissions += 1;
    // Rows come oldest first: a later verdict replaces an earlier one, except that a pass sticks.
    if (cell.exercise !== "PASS") cell.exercise = toVerdict(row.verdict);
    if (row.verdict !== "PASS") bump(exerciseFailures, row.userId, row.exerciseId);
    touch(row.userId, row.createdAt, row.trackId);
  }
  for (const row of milestones) touch(row.userId, row.doneAt, null);
  for (const row of choices) touch(row.userId, row.createdAt, null);

  const learners = users.map((user): LearnerProgress => {
    const row = cells.get(user.id) ?? {};
    const joinedAt = joined.get(user.id) ?? cohort.createdAt;
    const byTrack: LearnerProgress["byTrack"] = {};
    for (const track of tracks) {
      byTrack[track.id] = { completed: track.lessons.filter((lesson) => row[lesson.id]?.completed).length, total: track.lessons.length };
    }
    const quizLessons = inView.filter((lesson) => lesson.quizId);
    const exerciseLessons = inView.filter((lesson) => lesson.exerciseId);
    const completed = inView.filter((lesson) => row[lesson.id]?.completed).length;
    const failedQuizzes = quizFailures.get(user.id) ?? new Map<string, number>();
    const failedExercises = exerciseFailures.get(user.id) ?? new Map<string, number>();
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      joinedAt,
      lastActiveAt: lastActive.get(user.id) ?? null,
      cells: row,
      completed,
      total: inView.length,
      percent: inView.length ? Math.round((completed / inView.length) * 100) : 0,
      quizzesMastered: quizLessons.filter((lesson) => (row[lesson.id]?.quizBest ?? 0) >= MASTERY_THRESHOLD).length,
      quizTotal: quizLessons.length,
      exercisesPassed: exerciseLessons.filter((lesson) => row[lesson.id]?.exercise === "PASS").length,
      exerciseTotal: exerciseLessons.length,
      byTrack,
      risks: assessRisk({
        joinedAt,
        lastActiveAt: lastActive.get(user.id) ?? null,
        now,
        quizzes: [...failedQuizzes].map(([quizId, failures]) => {
          const quiz = course.quizzes.get(quizId);
          const lessonId = quiz?.lessonId;
          return {
            title: (lessonId && course.lessons.get(lessonId)?.title) || quizId,
            failures,
            mastered: lessonId ? (row[lessonId]?.quizBest ?? 0) >= MASTERY_THRESHOLD : false,
          };
        }),
        exercises: [...failedExercises].map(([exerciseId, failures]) => {
          const exercise = course.exercises.get(exerciseId);
          return {
            title: exercise?.title ?? exerciseId,
            failures,
            passed: exercise ? row[exercise.lessonId]?.exercise === "PASS" : false,
          };
        }),
      }),
    };
  });
  learners.sort(byName);
  return { cohort, tracks, learners, events, attempts };
}

function bump(map: Map<string, Map<string, number>>, userId: string, key: string) {
  let inner = map.get(userId);
  if (!inner) map.set(userId, (inner = new Map()));
  inner.set(key, (inner.get(key) ?? 0) + 1);
}

/** Learners by name, then email (two learners may share a name). */
export function byName(a: LearnerProgress, b: LearnerProgress): number {
  return a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.email.localeCompare(b.email);
}
