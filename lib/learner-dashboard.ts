import "server-only";
import type { ChooserResult } from "@/lib/chooser/scoring";
import { getCourse, type Track } from "@/lib/content/load";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { summarizeTrack } from "@/lib/progress";
import type { QuizStats } from "@/lib/quiz/attempts";
import { MASTERY_THRESHOLD } from "@/lib/quiz/grade";
import { decodeChooserResult } from "@/lib/records";
import { jsonRows, parseRows, parseTimestamp } from "@/lib/sql-json";

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

export interface LearnerDashboard {
  overview: LearnerOverview;
  /** Projects started, the most recently changed first, with the milestones ticked. */
  projects: { projectId: string; doneMilestoneIds: string[] }[];
  /** The newest chooser result, or null when there is none (or it no longer reads as a result). */
  latestChoice: { id: string; result: ChooserResult } | null;
}

type SummaryRow = [
  lessonId: string,
  completedAt: string | null,
  quizAttempts: number,
  quizBest: number | null,
  exerciseVerdict: string | null,
];

/**
 * Everything the learner dashboard shows, in one query: the learner's summary rows (one per lesson they
 * touched, lib/instructor/summary.ts, so the cost does not grow with their attempts), their projects and
 * milestones, and their newest chooser result, each packed as JSON by the database (lib/sql-json.ts).
 * As four Prisma queries this was most of the page's own CPU (docs/decisions/0028-learner-dashboard-one-query.md).
 */
export async function getLearnerDashboard(userId: string, tracks: Track[]): Promise<LearnerDashboard> {
  const [packed] = await db.$queryRaw<
    { summaries: string | null; projects: string | null; milestones: string | null; choices: string | null }[]
  >`
    SELECT
      (SELECT ${jsonRows(Prisma.sql`s."lessonId", s."completedAt", s."quizAttempts", s."quizBest", s."exerciseVerdict"`)}
        FROM "LessonSummary" s WHERE s."userId" = ${userId}) AS "summaries",
      (SELECT ${jsonRows(Prisma.sql`p."projectId", p."updatedAt"`)} FROM "ProjectProgress" p WHERE p."userId" = ${userId}) AS "projects",
      (SELECT ${jsonRows(Prisma.sql`m."projectId", m."milestoneId"`)} FROM "ProjectMilestone" m WHERE m."userId" = ${userId}) AS "milestones",
      (SELECT ${jsonRows(Prisma.sql`c."id", c."result"`)}
        FROM (SELECT r."id", r."result" FROM "ChooserResult" r WHERE r."userId" = ${userId} ORDER BY r."createdAt" DESC LIMIT 1) c) AS "choices"`;
  const milestones = parseRows<[projectId: string, milestoneId: string]>(packed.milestones);
  const projects = parseRows<[projectId: string, updatedAt: string]>(packed.projects)
    .map(([projectId, updatedAt]) => ({ projectId, updatedAt: parseTimestamp(updatedAt)?.getTime() ?? 0 }))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map(({ projectId }) => ({
      projectId,
      doneMilestoneIds: milestones.filter(([project]) => project === projectId).map(([, milestoneId]) => milestoneId),
    }));
  const [choice] = parseRows<[id: string, result: string]>(packed.choices);
  const result = choice && decodeChooserResult(choice[1]);
  return {
    overview: summarize(parseRows<SummaryRow>(packed.summaries), tracks),
    projects,
    latestChoice: result ? { id: choice[0], result } : null,
  };
}

function summarize(rows: SummaryRow[], tracks: Track[]): LearnerOverview {
  const lessons = getCourse().lessons;
  const completed = rows.filter(([, completedAt]) => completedAt !== null).map(([lessonId]) => lessonId);
  const quizzes: QuizStats[] = rows.flatMap(([lessonId, , attempts, quizBest]) => {
    const quizId = lessons.get(lessonId)?.quiz?.id;
    if (!quizId || !attempts) return [];
    const best = quizBest ?? 0;
    return [{ quizId, lessonId, attempts, best, mastered: best >= MASTERY_THRESHOLD }];
  });
  const mastered = new Set(quizzes.filter((quiz) => quiz.mastered).map((quiz) => quiz.quizId));
  const solved = new Set(
    rows.flatMap(([lessonId, , , , verdict]) => {
      const exerciseId = lessons.get(lessonId)?.exercise?.id;
      return exerciseId && verdict === "PASS" ? [exerciseId] : [];
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
