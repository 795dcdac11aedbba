import "server-only";
import { getCourse } from "@/lib/content/load";
import { formatDate } from "@/lib/format";
import type { CohortSummary } from "@/lib/instructor/cohorts";
import type { Viewer } from "@/lib/instructor/access";
import { assertInstructor } from "@/lib/instructor/access";
import {
  listRepeatedFailures,
  readMemberKeys,
  sumTrackCompletions,
  sumActivity,
  tallyFirstAttempts,
  type QuestionTally,
  type RepeatedFailures,
} from "@/lib/instructor/cohort-aggregates";
import { getOwnedCohort } from "@/lib/instructor/cohorts";
import { MASTERY_THRESHOLD } from "@/lib/quiz/grade";
import {
  DAY_MS,
  assessRisk,
  byName,
  loadProgress,
  tracksInView,
  type ActivityEvent,
  type LearnerProgress,
  type TrackColumns,
} from "@/lib/instructor/cohort-progress";
import type { DashboardQuery, DashboardSort } from "@/lib/schemas/cohorts";

// The cohort dashboard: one page of learners in the requested order, and the views over the whole
// cohort (track completion, activity, most-missed questions, learners at risk). The progress itself
// is loaded by lib/instructor/cohort-progress.ts, with a fixed number of queries.

export const PAGE_SIZE = 50;

/** What the dashboard sorts by: known for every learner before a page is loaded. */
export type SortKeys = Pick<LearnerProgress, "userId" | "name" | "email" | "percent" | "lastActiveAt" | "risks">;

export function compareBy(sort: DashboardSort): (a: SortKeys, b: SortKeys) => number {
  const time = (date: Date | null) => date?.getTime() ?? -Infinity;
  switch (sort) {
    case "progress":
      return (a, b) => b.percent - a.percent || byName(a, b);
    case "activity":
      return (a, b) => time(b.lastActiveAt) - time(a.lastActiveAt) || byName(a, b);
    case "risk":
      return (a, b) => b.risks.length - a.risks.length || time(a.lastActiveAt) - time(b.lastActiveAt) || byName(a, b);
    default:
      return byName;
  }
}

export interface ActivityBucket {
  /** ISO date (YYYY-MM-DD, UTC) of the bucket's first day. */
  start: string;
  events: number;
  learners: number;
}

/** Pure: the first day (YYYY-MM-DD) of each bucket of the activity chart, oldest first. */
export function bucketStarts(unit: "day" | "week", now: Date): string[] {
  const { firstStart, size, count } = bucketGeometry(unit, now);
  return Array.from({ length: count }, (_, i) => formatDate(new Date(firstStart + i * size)));
}

function bucketGeometry(unit: "day" | "week", now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const size = unit === "day" ? DAY_MS : 7 * DAY_MS;
  const count = unit === "day" ? 28 : 12;
  // Weeks start on Monday: getUTCDay() is 0 for Sunday.
  const lastStart = unit === "day" ? today : today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return { firstStart: lastStart - (count - 1) * size, size, count };
}

/** Pure: events per day (last 28 days) or per week (last 12 weeks, Monday first), oldest first, UTC. */
export function bucketActivity(events: ActivityEvent[], unit: "day" | "week", now: Date): ActivityBucket[] {
  const { firstStart, size, count } = bucketGeometry(unit, now);
  const buckets = Array.from({ length: count }, (_, i) => ({ start: firstStart + i * size, events: 0, users: new Set<string>() }));
  for (const event of events) {
    const index = Math.floor((event.at.getTime() - firstStart) / size);
    if (index < 0 || index >= count) continue;
    buckets[index].events += event.count ?? 1;
    buckets[index].users.add(event.userId);
  }
  return buckets.map((bucket) => ({
    start: formatDate(new Date(bucket.start)),
    events: bucket.events,
    learners: bucket.users.size,
  }));
}

export interface MissedQuestion {
  quizId: string;
  lessonId: string;
  lessonTitle: string;
  trackId: string;
  questionId: string;
  prompt: string;
  /** Learners who answered it on their first attempt at the quiz. */
  answered: number;
  missed: number;
  correctRate: number;
}

/** Pure: first-attempt tallies per question, worst first. Questions no longer in the content are skipped. */
export function rankTallies(tallies: QuestionTally[], trackIds: readonly string[], limit = 5): MissedQuestion[] {
  const course = getCourse();
  const ranked: MissedQuestion[] = [];
  for (const tally of tallies) {
    const lesson = course.lessons.get(tally.lessonId);
    const quiz = lesson?.quiz;
    const question = quiz?.questions.find((q) => q.id === tally.questionId);
    if (!lesson || !quiz || !question || !trackIds.includes(quiz.trackId)) continue;
    ranked.push({
      quizId: quiz.id,
      lessonId: lesson.id,
      lessonTitle: lesson.title,
      trackId: quiz.trackId,
      questionId: question.id,
      prompt: question.prompt,
      answered: tally.answered,
      missed: tally.missed,
      correctRate: 0,
    });
  }
  return ranked
    .map((entry) => ({ ...entry, correctRate: entry.answered ? (entry.answered - entry.missed) / entry.answered : 1 }))
    .filter((entry) => entry.missed > 0)
    .sort((a, b) => a.correctRate - b.correctRate || b.missed - a.missed || a.questionId.localeCompare(b.questionId))
    .slice(0, limit);
}

export interface CohortDashboard {
  cohort: CohortSummary;
  query: DashboardQuery;
  trackOptions: { id: string; title: string }[];
  tracks: TrackColumns[];
  learnerCount: number;
  page: number;
  pageCount: number;
  /** This page of learners, in the requested order. */
  learners: LearnerProgress[];
  trackCompletion: { trackId: string; title: string; completed: number; possible: number }[];
  activity: ActivityBucket[];
  missedQuestions: MissedQuestion[];
  atRisk: Pick<LearnerProgress, "userId" | "name" | "risks" | "lastActiveAt">[];
}

/**
 * Everything the cohort dashboard shows, for one of the viewer's cohorts. A fixed number of queries
 * whatever the cohort's size or the learners' attempts: for every learner only what sorting and the
 * at-risk list need (counted by the database from summary rows), the activity chart and the missed
 * questions added up by the database (lib/instructor/cohort-aggregates.ts), and the full progress
 * matrix for the one page shown.
 */
export async function getCohortDashboard(
  viewer: Viewer,
  cohortId: string,
  query: DashboardQuery,
  now = new Date(),
): Promise<CohortDashboard> {
  assertInstructor(viewer);
  const course = getCourse();
  const trackOptions = course.tracks.map((track) => ({ id: track.id, title: track.title }));
  const trackIds = query.track ? [query.track] : trackOptions.map((track) => track.id);
  const tracks = tracksInView(trackIds);
  const inView = tracks.flatMap((track) => track.lessons.map((lesson) => lesson.id));
  const cohort = await getOwnedCohort(viewer, cohortId);
  const starts = bucketStarts(query.activity, now);
  const [members, byTrack, failing, activity, tallies] = await Promise.all([
    readMemberKeys(cohort.id, viewer.id, trackIds),
    sumTrackCompletions(cohort.id, viewer.id),
    listRepeatedFailures(cohort.id, viewer.id),
    sumActivity(cohort.id, viewer.id, query.activity, starts, query.track ?? null),
    tallyFirstAttempts(
      cohort.id,
      viewer.id,
      inView.filter((lessonId) => course.lessons.get(lessonId)?.quiz),
    ),
  ]);
  const failures = new Map<string, RepeatedFailures[]>();
  for (const row of failing) failures.set(row.userId, [...(failures.get(row.userId) ?? []), row]);

  const keys: SortKeys[] = members.map((member) => {
    const rows = failures.get(member.userId) ?? [];
    return {
      userId: member.userId,
      name: member.name,
      email: member.email,
      lastActiveAt: member.lastActiveAt,
      percent: inView.length ? Math.round((Math.min(member.completed, inView.length) / inView.length) * 100) : 0,
      risks: assessRisk({
        joinedAt: member.joinedAt,
        lastActiveAt: member.lastActiveAt,
        now,
        quizzes: rows.flatMap((row) => {
          const lesson = course.lessons.get(row.lessonId);
          if (!row.quizFailures || !lesson?.quiz) return [];
          return [{ title: lesson.title, failures: row.quizFailures, mastered: (row.quizBest ?? 0) >= MASTERY_THRESHOLD }];
        }),
        exercises: rows.flatMap((row) => {
          const exercise = course.lessons.get(row.lessonId)?.exercise;
          if (!row.exerciseFailures || !exercise) return [];
          return [{ title: exercise.title, failures: row.exerciseFailures, passed: row.exerciseVerdict === "PASS" }];
        }),
      }),
    };
  });
  keys.sort(byName);
  const sorted = [...keys].sort(compareBy(query.sort));
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const pageIds = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((learner) => learner.userId);
  const order = new Map(pageIds.map((id, i) => [id, i]));
  const { learners } = pageIds.length ? await loadProgress(viewer, cohort, { trackIds, now }, pageIds) : { learners: [] };
  return {
    cohort,
    query: { ...query, page },
    trackOptions,
    tracks,
    learnerCount: sorted.length,
    page,
    pageCount,
    learners: learners.sort((a, b) => order.get(a.userId)! - order.get(b.userId)!),
    trackCompletion: tracks.map((track) => {
      const possible = track.lessons.length * members.length;
      // Capped: a lesson since removed from the course still counts in the totals (ADR 0027).
      return { trackId: track.id, title: track.title, completed: Math.min(byTrack.get(track.id) ?? 0, possible), possible };
    }),
    activity: starts.map((start, i) => ({ start, ...activity[i] })),
    missedQuestions: rankTallies(tallies, trackIds),
    atRisk: keys
      .filter((learner) => learner.risks.length > 0)
      .sort(compareBy("risk"))
      .map(({ userId, name, risks, lastActiveAt }) => ({ userId, name, risks, lastActiveAt })),
  };
}
