import "server-only";
import { getCourse, type Track } from "@/lib/content/load";
import type { TrackId } from "@/lib/content/schema";
import { db } from "@/lib/db";
import { toVerdict, type Verdict } from "@/lib/exercises/verdict";
import { getOwnedCohort, type CohortSummary } from "@/lib/instructor/cohorts";
import { assertInstructor, type Viewer } from "@/lib/instructor/access";
import { activityDayOf } from "@/lib/instructor/summary";
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
  /** Events this entry stands for (a summary row counts a day's attempts at once); 1 when omitted. */
  count?: number;
}

export interface CohortProgress {
  cohort: CohortSummary;
  tracks: TrackColumns[];
  learners: LearnerProgress[];
  events: ActivityEvent[];
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
 * omitted). A fixed number of queries: the cohort, then six reads run together. Quiz attempts and
 * submissions are read from their summary rows (lib/instructor/summary.ts): one row per learner and
 * lesson, and for the activity chart one per learner, day and track since `activitySince`.
 */
export async function loadCohortProgress(viewer: Viewer, cohortId: string, options: ProgressOptions = {}): Promise<CohortProgress> {
  assertInstructor(viewer);
  const cohort = await getOwnedCohort(viewer, cohortId);
  return loadProgress(viewer, cohort, options);
}

export interface ProgressOptions {
  trackIds?: readonly string[];
  now?: Date;
  activitySince?: Date;
}

/** Learners per page of an export: what one page holds in memory at a time. */
export const EXPORT_PAGE_SIZE = 200;

/**
 * The same progress a page of learners at a time (by name, then id), for the CSV export: memory
 * stays at one page however large the cohort. The cohort is checked before this returns, so a
 * refusal happens before anything is sent; each page is read only when the caller asks for it.
 */
export async function pageCohortProgress(
  viewer: Viewer,
  cohortId: string,
  options: ProgressOptions = {},
  pageSize = EXPORT_PAGE_SIZE,
): Promise<{ cohort: CohortSummary; tracks: TrackColumns[]; pages: AsyncGenerator<LearnerProgress[]> }> {
  assertInstructor(viewer);
  const cohort = await getOwnedCohort(viewer, cohortId);
  const inCohort = { enrollments: { some: { cohortId: cohort.id, cohort: { ownerId: viewer.id } } } };
  async function* pages(): AsyncGenerator<LearnerProgress[]> {
    // The order is fixed once, from ids alone (a few bytes per learner): a learner renamed while the
    // export runs is neither skipped nor sent twice, as paging by name could do.
    const ids = (await db.user.findMany({ where: inCohort, select: { id: true }, orderBy: [{ name: "asc" }, { id: "asc" }] })).map(
      (row) => row.id,
    );
    for (let i = 0; i < ids.length; i += pageSize) {
      const slice = ids.slice(i, i + pageSize);
      const order = new Map(slice.map((id, n) => [id, n]));
      const { learners } = await loadProgress(viewer, cohort, options, slice);
      yield learners.sort((a, b) => order.get(a.userId)! - order.get(b.userId)!);
    }
  }
  return { cohort, tracks: tracksInView(options.trackIds), pages: pages() };
}

export function tracksInView(trackIds: readonly string[] | undefined): TrackColumns[] {
  const allTracks = getCourse().tracks.map(columnsOf);
  return trackIds ? allTracks.filter((track) => trackIds.includes(track.id)) : allTracks;
}

/** Everyone in the cohort, or only the learners `userIds` names (a page of the dashboard or an export). */
export async function loadProgress(
  viewer: Viewer,
  cohort: CohortSummary,
  options: ProgressOptions,
  userIds?: string[],
): Promise<CohortProgress> {
  const now = options.now ?? new Date();
  // Repeats the owner check inside every query: these reads can never return another cohort's rows.
  const inCohort = { enrollments: { some: { cohortId: cohort.id, cohort: { ownerId: viewer.id } } } };
  const only = userIds ? { userId: { in: userIds } } : {};
  const since = options.activitySince ? activityDayOf(options.activitySince) : null;
  const [users, enrollments, summaries, days, milestones, choices] = await Promise.all([
    db.user.findMany({
      where: { ...inCohort, ...(userIds ? { id: { in: userIds } } : {}) },
      select: { id: true, name: true, email: true },
    }),
    db.enrollment.findMany({
      where: { cohortId: cohort.id, cohort: { ownerId: viewer.id }, ...only },
      select: { userId: true, joinedAt: true },
    }),
    db.lessonSummary.findMany({ where: { user: inCohort, ...only } }),
    since
      ? db.activityDay.findMany({
          where: { user: inCohort, day: { gte: since }, ...only },
          select: { userId: true, day: true, trackId: true, events: true },
        })
      : Promise.resolve([]),
    db.projectMilestone.findMany({ where: { user: inCohort, ...only }, select: { userId: true, doneAt: true } }),
    db.chooserResult.findMany({ where: { user: inCohort, ...only }, select: { userId: true, createdAt: true } }),
  ]);

  const course = getCourse();
  const tracks = tracksInView(options.trackIds);
  const inView = tracks.flatMap((track) => track.lessons);

  const joined = new Map(enrollments.map((row) => [row.userId, row.joinedAt]));
  const cells = new Map<string, Record<string, LessonCell>>();
  const lastActive = new Map<string, Date>();
  const events: ActivityEvent[] = [];
  const seen = (userId: string, at: Date | null) => {
    if (at) lastActive.set(userId, latest(lastActive.get(userId) ?? null, at));
  };
  const quizFailures = new Map<string, Map<string, number>>();
  const exerciseFailures = new Map<string, Map<string, number>>();
  for (const row of summaries) {
    // A lesson marked complete and then not, with nothing else done in it, leaves an empty row.
    if (!row.completedAt && !row.quizAttempts && !row.submissions) continue;
    let cellsOfUser = cells.get(row.userId);
    if (!cellsOfUser) cells.set(row.userId, (cellsOfUser = {}));
    cellsOfUser[row.lessonId] = {
      completed: row.completedAt !== null,
      quizBest: row.quizAttempts ? row.quizBest : null,
      quizAttempts: row.quizAttempts,
      exercise: row.exerciseVerdict === null ? null : toVerdict(row.exerciseVerdict),
      submissions: row.submissions,
    };
    seen(row.userId, row.completedAt);
    seen(row.userId, row.quizLastAt);
    seen(row.userId, row.exerciseLastAt);
    if (row.completedAt) events.push({ userId: row.userId, at: row.completedAt, trackId: row.trackId });
    const lesson = course.lessons.get(row.lessonId);
    if (row.quizFailures && lesson?.quiz) bump(quizFailures, row.userId, lesson.quiz.id, row.quizFailures);
    if (row.exerciseFailures && lesson?.exercise) bump(exerciseFailures, row.userId, lesson.exercise.id, row.exerciseFailures);
  }
  for (const row of days)
    events.push({ userId: row.userId, at: new Date(`${row.day}T00:00:00Z`), trackId: row.trackId, count: row.events });
  for (const row of milestones) {
    seen(row.userId, row.doneAt);
    events.push({ userId: row.userId, at: row.doneAt, trackId: null });
  }
  for (const row of choices) {
    seen(row.userId, row.createdAt);
    events.push({ userId: row.userId, at: row.createdAt, trackId: null });
  }

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
  return { cohort, tracks, learners, events };
}

function bump(map: Map<string, Map<string, number>>, userId: string, key: string, by: number) {
  let inner = map.get(userId);
  if (!inner) map.set(userId, (inner = new Map()));
  inner.set(key, (inner.get(key) ?? 0) + by);
}

// String.localeCompare with a locale or options builds a collator on every call: 0.8 s of sorting 10,000
// learners went there. The same comparisons through collators made once.
const nameOrder = new Intl.Collator("en", { sensitivity: "base" });
const emailOrder = new Intl.Collator();

/** Learners by name, then email (two learners may share a name). */
export function byName(a: Pick<LearnerProgress, "name" | "email">, b: Pick<LearnerProgress, "name" | "email">): number {
  return nameOrder.compare(a.name, b.name) || emailOrder.compare(a.email, b.email);
}
