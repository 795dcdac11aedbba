import "server-only";
import { getCourse } from "@/lib/content/load";
import { formatDate } from "@/lib/format";
import type { CohortSummary } from "@/lib/instructor/cohorts";
import type { Viewer } from "@/lib/instructor/access";
import {
  DAY_MS,
  byName,
  loadCohortProgress,
  type ActivityEvent,
  type AttemptRow,
  type LearnerProgress,
  type TrackColumns,
} from "@/lib/instructor/cohort-progress";
import { decodeQuizResults } from "@/lib/records";
import type { DashboardQuery, DashboardSort } from "@/lib/schemas/cohorts";

// The cohort dashboard: one page of learners in the requested order, and the views over the whole
// cohort (track completion, activity, most-missed questions, learners at risk). The progress itself
// is loaded by lib/instructor/cohort-progress.ts, with a fixed number of queries.

export const PAGE_SIZE = 50;

export function compareBy(sort: DashboardSort): (a: LearnerProgress, b: LearnerProgress) => number {
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

/** Pure: events per day (last 28 days) or per week (last 12 weeks, Monday first), oldest first, UTC. */
export function bucketActivity(events: ActivityEvent[], unit: "day" | "week", now: Date): ActivityBucket[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const size = unit === "day" ? DAY_MS : 7 * DAY_MS;
  const count = unit === "day" ? 28 : 12;
  // Weeks start on Monday: getUTCDay() is 0 for Sunday.
  const lastStart = unit === "day" ? today : today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  const firstStart = lastStart - (count - 1) * size;
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

/**
 * Pure: questions by how many learners got them wrong on their first attempt at the quiz (before
 * the feedback taught them the answer), worst first. Questions no longer in the content are skipped.
 */
export function rankMissedQuestions(attempts: AttemptRow[], trackIds: readonly string[], limit = 5): MissedQuestion[] {
  const course = getCourse();
  const firstAttempt = new Map<string, AttemptRow>();
  for (const attempt of attempts) {
    if (!trackIds.includes(attempt.trackId)) continue;
    const key = `${attempt.userId}\u0000${attempt.quizId}`;
    const seen = firstAttempt.get(key);
    if (!seen || attempt.createdAt < seen.createdAt) firstAttempt.set(key, attempt);
  }
  const tally = new Map<string, MissedQuestion>();
  for (const attempt of firstAttempt.values()) {
    const quiz = course.quizzes.get(attempt.quizId);
    if (!quiz) continue;
    for (const result of decodeQuizResults(attempt.results)) {
      const question = quiz.questions.find((q) => q.id === result.questionId);
      if (!question) continue;
      const key = `${quiz.id}\u0000${question.id}`;
      const entry =
        tally.get(key) ??
        ({
          quizId: quiz.id,
          lessonId: quiz.lessonId,
          lessonTitle: course.lessons.get(quiz.lessonId)?.title ?? quiz.lessonId,
          trackId: quiz.trackId,
          questionId: question.id,
          prompt: question.prompt,
          answered: 0,
          missed: 0,
          correctRate: 0,
        } satisfies MissedQuestion);
      entry.answered += 1;
      if (!result.correct) entry.missed += 1;
      tally.set(key, entry);
    }
  }
  return [...tally.values()]
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

/** Everything the cohort dashboard shows, for one of the viewer's cohorts. */
export async function getCohortDashboard(
  viewer: Viewer,
  cohortId: string,
  query: DashboardQuery,
  now = new Date(),
): Promise<CohortDashboard> {
  const trackOptions = getCourse().tracks.map((track) => ({ id: track.id, title: track.title }));
  const trackIds = query.track ? [query.track] : trackOptions.map((track) => track.id);
  // The activity chart's window: 28 days, or 12 weeks back to a Monday.
  const activitySince = new Date(now.getTime() - (query.activity === "day" ? 28 : 12 * 7 + 7) * DAY_MS);
  const progress = await loadCohortProgress(viewer, cohortId, { trackIds, now, activitySince });
  const sorted = [...progress.learners].sort(compareBy(query.sort));
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return {
    cohort: progress.cohort,
    query: { ...query, page },
    trackOptions,
    tracks: progress.tracks,
    learnerCount: sorted.length,
    page,
    pageCount,
    learners: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    trackCompletion: progress.tracks.map((track) => ({
      trackId: track.id,
      title: track.title,
      completed: progress.learners.reduce((sum, learner) => sum + (learner.byTrack[track.id]?.completed ?? 0), 0),
      possible: track.lessons.length * progress.learners.length,
    })),
    activity: bucketActivity(
      query.track ? progress.events.filter((event) => event.trackId === query.track) : progress.events,
      query.activity,
      now,
    ),
    missedQuestions: rankMissedQuestions(progress.attempts, trackIds),
    atRisk: [...progress.learners]
      .filter((learner) => learner.risks.length > 0)
      .sort(compareBy("risk"))
      .map(({ userId, name, risks, lastActiveAt }) => ({ userId, name, risks, lastActiveAt })),
  };
}
