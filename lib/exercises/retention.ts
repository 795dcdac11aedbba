import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { CheckResult, RunResult } from "@/lib/runner/types";

// Bounded storage per learner (review #14): each graded submission keeps up to 50 KB of code and the
// run's result, and a learner may submit 30 times a minute. Only the newest SUBMISSIONS_KEPT of one
// learner's submissions to one exercise are kept, plus their first pass, which is what "solved" rests on.
// The stored result is bounded too: its text is the learner's output, up to the runner's 1 MB.

/** The longest stored result (JSON characters); the runner's own output cap is 1 MB. */
export const STORED_RESULT_MAX = 64 * 1024;
const NOTE = "\n… (shortened when stored)";

function clip(text: string | undefined, max: number): string | undefined {
  return text === undefined || text.length <= max ? text : text.slice(0, max) + NOTE;
}

function clipCheck(check: CheckResult, max: number): CheckResult {
  return {
    ...check,
    message: clip(check.message, max)!,
    traceback: clip(check.traceback, max)!,
    output: clip(check.output, max)!,
    request: clip(check.request, max),
    expected: clip(check.expected, max),
    actual: clip(check.actual, max),
  };
}

/**
 * The run result as stored with a submission: as it is when its JSON fits STORED_RESULT_MAX, otherwise
 * with the learner's output, tracebacks and check texts cut shorter until it does. Verdict, statuses,
 * titles and counts are never changed.
 */
export function storedResultJson(result: RunResult): string {
  let json = JSON.stringify(result);
  for (const max of [8192, 2048, 512, 128, 0]) {
    if (json.length <= STORED_RESULT_MAX) return json;
    const perCheck = Math.max(0, Math.floor(max / 4));
    json = JSON.stringify({
      ...result,
      message: clip(result.message, max),
      traceback: clip(result.traceback, max),
      output: clip(result.output, max),
      checks: result.checks.map((check) => clipCheck(check, perCheck)),
    });
  }
  return json;
}

/** Deletes a learner's older submissions to one exercise beyond `keep`; returns how many went. */
export async function pruneSubmissions(userId: string, exerciseId: string, keep = config.SUBMISSIONS_KEPT): Promise<number> {
  const rows = await db.exerciseSubmission.findMany({
    where: { userId, exerciseId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, verdict: true },
  });
  if (rows.length <= keep) return 0;
  const kept = new Set(rows.slice(0, keep).map((row) => row.id));
  const firstPass = [...rows].reverse().find((row) => row.verdict === "PASS");
  if (firstPass) kept.add(firstPass.id);
  const gone = rows.filter((row) => !kept.has(row.id)).map((row) => row.id);
  if (!gone.length) return 0;
  const { count } = await db.exerciseSubmission.deleteMany({ where: { id: { in: gone } } });
  return count;
}
