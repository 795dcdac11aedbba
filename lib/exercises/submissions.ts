import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import type { Exercise } from "@/lib/content/load";
import { getCourse } from "@/lib/content/load";
import { submissionWrites } from "@/lib/instructor/summary";
import { ExpectedError } from "@/lib/errors";
import { storedResultJson } from "@/lib/exercises/retention";
import { listExerciseStats, type ExerciseStats } from "@/lib/exercises/stats";
import { toVerdict, verdictOf, type Verdict } from "@/lib/exercises/verdict";
import { decodeRunResult } from "@/lib/records";
import type { RunRequest, RunResult } from "@/lib/runner/types";

export interface SubmissionOutcome {
  submissionId: string;
  verdict: Verdict;
  result: RunResult;
  /** The reference solution, shown once the learner has solved the exercise. */
  solution?: string;
  stats: ExerciseStats;
}

/** A runner that may also take a graded submission's key (the queue runner: a retried request waits for the same job). */
type GradingRunner = { run(request: RunRequest, owner?: string, key?: string): Promise<RunResult> };

/** Runs learner code against an exercise's checks on the given (server) runner. */
export async function runExercise(
  exercise: Exercise,
  code: string,
  runner: GradingRunner,
  owner?: string,
  key?: string,
): Promise<RunResult> {
  const result = await runner.run({ code, checks: exercise.checks, tests: exercise.tests, support: getCourse().support }, owner, key);
  if (result.status === "unavailable") throw new ExpectedError(503, result.message);
  return result;
}

async function outcomeOf(
  row: { id: string; verdict: string; result: string },
  exercise: Exercise,
  userId: string,
): Promise<SubmissionOutcome> {
  const [stats] = await listExerciseStats(userId, undefined, exercise.id);
  return {
    submissionId: row.id,
    verdict: toVerdict(row.verdict),
    result: decodeRunResult(row.result),
    solution: stats?.solved ? exercise.solution : undefined,
    stats: stats ?? { exerciseId: exercise.id, submissions: 0, solved: false },
  };
}

/**
 * Grades a submission on the server and stores the verdict. The verdict comes only from this run,
 * never from the browser. A retried request (same submitKey) returns the stored outcome.
 */
export async function submitExercise(
  userId: string,
  exercise: Exercise,
  code: string,
  submitKey: string,
  runner: GradingRunner,
): Promise<SubmissionOutcome> {
  const existing = await db.exerciseSubmission.findUnique({ where: { userId_submitKey: { userId, submitKey } } });
  if (existing) {
    if (existing.exerciseId !== exercise.id)
      throw new ExpectedError(409, "This submission id was already used for another exercise. Reload the page.");
    return outcomeOf(existing, exercise, userId);
  }
  const result = await runExercise(exercise, code, runner, userId, submitKey);
  const data = {
    userId,
    trackId: exercise.trackId,
    lessonId: exercise.lessonId,
    exerciseId: exercise.id,
    submitKey,
    code,
    verdict: verdictOf(result),
    engine: result.engine,
    result: storedResultJson(result),
    passedCount: result.checks.filter((check) => check.status === "pass").length,
    checkCount: result.checks.length,
  };
  try {
    const at = new Date();
    const [created] = await db.$transaction([
      db.exerciseSubmission.create({ data: { ...data, createdAt: at } }),
      ...submissionWrites({ ...data, at }),
    ]);
    return outcomeOf(created as { id: string; verdict: string; result: string }, exercise, userId);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await db.exerciseSubmission.findUniqueOrThrow({ where: { userId_submitKey: { userId, submitKey } } });
    return outcomeOf(stored, exercise, userId);
  }
}
