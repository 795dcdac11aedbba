import "server-only";
import { getCourse } from "@/lib/content/load";
import type { Question } from "@/lib/content/schema";
import { db } from "@/lib/db";
import { assertInstructor, CohortNotFoundError, type Viewer } from "@/lib/instructor/access";
import { MASTERY_THRESHOLD } from "@/lib/quiz/grade";
import { decodeChooserResult, decodeQuizAnswers, decodeQuizResults, decodeRunResult } from "@/lib/records";

// One learner's record, as their instructor sees it. Reachable only through a cohort the viewer
// owns and the learner is in: the enrollment lookup is the authorization.

export interface QuizAnswerLine {
  questionId: string;
  prompt: string;
  answer: string;
  correct: boolean | null;
}

export interface CheckLine {
  title: string;
  status: string;
  message: string;
}

export type TimelineItem =
  | { kind: "lesson"; id: string; at: Date; lessonId: string; title: string; trackId: string }
  | {
      kind: "quiz";
      id: string;
      at: Date;
      quizId: string;
      title: string;
      score: number;
      mastered: boolean;
      answers: QuizAnswerLine[];
    }
  | {
      kind: "submission";
      id: string;
      at: Date;
      exerciseId: string;
      title: string;
      verdict: string;
      engine: string;
      passedCount: number;
      checkCount: number;
      code: string;
      message: string;
      checks: CheckLine[];
    }
  | { kind: "milestone"; id: string; at: Date; projectId: string; title: string; milestone: string }
  | { kind: "project"; id: string; at: Date; projectId: string; title: string; repoUrl: string | null }
  | { kind: "chooser"; id: string; at: Date; recommendation: string; summary: string };

export interface LearnerTimeline {
  cohort: { id: string; name: string };
  learner: { id: string; name: string; email: string; joinedAt: Date };
  /** One page, newest first. */
  items: TimelineItem[];
  /** Where the next (older) page starts, or null on the last page. */
  nextCursor: string | null;
  latestChoice: { recommendation: string; at: Date; summary: string } | null;
}

/** Items per timeline page: a learner's record can be thousands of rows, each submission up to 50 KB of code. */
export const TIMELINE_PAGE_SIZE = 50;

/** A place in the timeline: the time and id of the last item shown ("<ms>-<id>", as in a link). */
export interface TimelineCursor {
  at: Date;
  id: string;
}

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return `${cursor.at.getTime()}-${cursor.id}`;
}

/** The cursor in a link, or null when it is not one (a stale or hand-made link starts from the newest). */
export function decodeTimelineCursor(text: string | undefined): TimelineCursor | null {
  const match = /^(\d{1,15})-([a-z0-9]{1,40})$/i.exec(text ?? "");
  return match ? { at: new Date(Number(match[1])), id: match[2] } : null;
}

/** Rows strictly after `cursor` in timeline order (newest first, then by id), for a source whose time column is `field`. */
function after<F extends string>(field: F, cursor: TimelineCursor | null) {
  if (!cursor) return {};
  return { OR: [{ [field]: { lt: cursor.at } }, { [field]: cursor.at, id: { gt: cursor.id } }] } as Record<string, unknown>;
}

function pageOf<F extends string>(field: F) {
  // One more than a page from each source: enough to fill the merged page and to know whether more follow.
  return { orderBy: [{ [field]: "desc" as const }, { id: "asc" as const }], take: TIMELINE_PAGE_SIZE + 1 };
}

function byTimeline(a: { at: Date; id: string }, b: { at: Date; id: string }): number {
  return b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function describeAnswer(question: Question | undefined, answer: unknown): string {
  const ids = Array.isArray(answer) ? answer.map(String) : answer === undefined || answer === null ? [] : [String(answer)];
  if (!question) return ids.join(", ");
  const choices = question.type === "order" ? question.items : question.options;
  const text = ids.map((id) => choices.find((choice) => choice.id === id)?.text ?? id);
  return question.type === "order" ? text.join(" → ") : text.join(", ");
}

function summarizeChoice(resultText: string): string {
  const scores: Record<string, number> = decodeChooserResult(resultText)?.scores ?? {};
  const parts = Object.entries(scores).map(([framework, value]) => `${framework} ${Math.round(value * 100) / 100}`);
  return parts.length ? `Scores: ${parts.join(", ")}` : "";
}

/**
 * One page of a learner's timeline, newest first, for an instructor who owns a cohort the learner is in.
 * `cursor` (from the previous page's nextCursor) selects an older page.
 */
export async function getLearnerTimeline(
  viewer: Viewer,
  cohortId: string,
  userId: string,
  cursor: TimelineCursor | null = null,
): Promise<LearnerTimeline> {
  assertInstructor(viewer);
  const enrollment = await db.enrollment.findFirst({
    where: { cohortId, userId, cohort: { ownerId: viewer.id } },
    select: { joinedAt: true, cohort: { select: { id: true, name: true } }, user: { select: { id: true, name: true, email: true } } },
  });
  if (!enrollment) throw new CohortNotFoundError();

  const [lessons, attempts, submissions, projects, milestones, choices] = await Promise.all([
    db.lessonProgress.findMany({
      ...pageOf("completedAt"),
      where: { userId, ...after("completedAt", cursor) },
      select: { id: true, lessonId: true, trackId: true, completedAt: true },
    }),
    db.quizAttempt.findMany({
      ...pageOf("createdAt"),
      where: { userId, ...after("createdAt", cursor) },
      select: { id: true, quizId: true, lessonId: true, answers: true, results: true, score: true, createdAt: true },
    }),
    db.exerciseSubmission.findMany({
      ...pageOf("createdAt"),
      where: { userId, ...after("createdAt", cursor) },
      select: {
        id: true,
        exerciseId: true,
        lessonId: true,
        verdict: true,
        engine: true,
        code: true,
        result: true,
        passedCount: true,
        checkCount: true,
        createdAt: true,
      },
    }),
    db.projectProgress.findMany({
      ...pageOf("startedAt"),
      where: { userId, ...after("startedAt", cursor) },
      select: { id: true, projectId: true, repoUrl: true, startedAt: true },
    }),
    db.projectMilestone.findMany({
      ...pageOf("doneAt"),
      where: { userId, ...after("doneAt", cursor) },
      select: { id: true, projectId: true, milestoneId: true, doneAt: true },
    }),
    db.chooserResult.findMany({
      ...pageOf("createdAt"),
      where: { userId, ...after("createdAt", cursor) },
      select: { id: true, recommendation: true, result: true, createdAt: true },
    }),
  ]);
  const latest = await db.chooserResult.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { recommendation: true, result: true, createdAt: true },
  });

  const course = getCourse();
  const lessonTitle = (lessonId: string) => course.lessons.get(lessonId)?.title ?? lessonId;
  const items: TimelineItem[] = [];

  for (const row of lessons) {
    items.push({
      kind: "lesson",
      id: row.id,
      at: row.completedAt,
      lessonId: row.lessonId,
      title: lessonTitle(row.lessonId),
      trackId: row.trackId,
    });
  }
  for (const row of attempts) {
    const quiz = course.quizzes.get(row.quizId);
    const answers = decodeQuizAnswers(row.answers);
    const outcome = new Map(decodeQuizResults(row.results).map((result) => [result.questionId, result.correct]));
    const questionIds = quiz ? quiz.questions.map((question) => question.id) : Object.keys(answers);
    items.push({
      kind: "quiz",
      id: row.id,
      at: row.createdAt,
      quizId: row.quizId,
      title: lessonTitle(row.lessonId),
      score: row.score,
      mastered: row.score >= MASTERY_THRESHOLD,
      answers: questionIds.map((questionId) => {
        const question = quiz?.questions.find((q) => q.id === questionId);
        return {
          questionId,
          prompt: question?.prompt ?? questionId,
          answer: describeAnswer(question, answers[questionId]),
          correct: outcome.get(questionId) ?? null,
        };
      }),
    });
  }
  for (const row of submissions) {
    const result = decodeRunResult(row.result);
    items.push({
      kind: "submission",
      id: row.id,
      at: row.createdAt,
      exerciseId: row.exerciseId,
      title: course.exercises.get(row.exerciseId)?.title ?? row.exerciseId,
      verdict: row.verdict,
      engine: row.engine,
      passedCount: row.passedCount,
      checkCount: row.checkCount,
      code: row.code,
      message: result.message,
      checks: result.checks.map((check) => ({ title: check.title, status: check.status, message: check.message })),
    });
  }
  for (const row of projects) {
    const project = course.projects.get(row.projectId);
    items.push({
      kind: "project",
      id: row.id,
      at: row.startedAt,
      projectId: row.projectId,
      title: project?.title ?? row.projectId,
      repoUrl: row.repoUrl,
    });
  }
  for (const row of milestones) {
    const project = course.projects.get(row.projectId);
    items.push({
      kind: "milestone",
      id: row.id,
      at: row.doneAt,
      projectId: row.projectId,
      title: project?.title ?? row.projectId,
      milestone: project?.milestones.find((m) => m.id === row.milestoneId)?.title ?? row.milestoneId,
    });
  }
  for (const row of choices) {
    items.push({
      kind: "chooser",
      id: row.id,
      at: row.createdAt,
      recommendation: row.recommendation,
      summary: summarizeChoice(row.result),
    });
  }
  items.sort(byTimeline);
  const more = items.length > TIMELINE_PAGE_SIZE;
  const page = items.slice(0, TIMELINE_PAGE_SIZE);
  const last = page.at(-1);

  return {
    cohort: enrollment.cohort,
    learner: { ...enrollment.user, joinedAt: enrollment.joinedAt },
    items: page,
    nextCursor: more && last ? encodeTimelineCursor(last) : null,
    latestChoice: latest ? { recommendation: latest.recommendation, at: latest.createdAt, summary: summarizeChoice(latest.result) } : null,
  };
}
