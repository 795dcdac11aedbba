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
  items: TimelineItem[];
  latestChoice: { recommendation: string; at: Date; summary: string } | null;
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

/** A learner's timeline, newest first, for an instructor who owns a cohort the learner is in. */
export async function getLearnerTimeline(viewer: Viewer, cohortId: string, userId: string): Promise<LearnerTimeline> {
  assertInstructor(viewer);
  const enrollment = await db.enrollment.findFirst({
    where: { cohortId, userId, cohort: { ownerId: viewer.id } },
    select: { joinedAt: true, cohort: { select: { id: true, name: true } }, user: { select: { id: true, name: true, email: true } } },
  });
  if (!enrollment) throw new CohortNotFoundError();

  const [lessons, attempts, submissions, projects, milestones, choices] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId }, select: { id: true, lessonId: true, trackId: true, completedAt: true } }),
    db.quizAttempt.findMany({
      where: { userId },
      select: { id: true, quizId: true, lessonId: true, answers: true, results: true, score: true, createdAt: true },
    }),
    db.exerciseSubmission.findMany({
      where: { userId },
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
    db.projectProgress.findMany({ where: { userId }, select: { id: true, projectId: true, repoUrl: true, startedAt: true } }),
    db.projectMilestone.findMany({ where: { userId }, select: { id: true, projectId: true, milestoneId: true, doneAt: true } }),
    db.chooserResult.findMany({ where: { userId }, select: { id: true, recommendation: true, result: true, createdAt: true } }),
  ]);

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
  items.sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
  const choice = items.find((item) => item.kind === "chooser");

  return {
    cohort: enrollment.cohort,
    learner: { ...enrollment.user, joinedAt: enrollment.joinedAt },
    items,
    latestChoice: choice ? { recommendation: choice.recommendation, at: choice.at, summary: choice.summary } : null,
  };
}
