import type { RunResult } from "@/lib/runner/types";

// A graded submission's verdict, as ExerciseSubmission.verdict stores it. No server imports: the
// instructor views and the exercise page use it too.

export type Verdict = "PASS" | "FAIL" | "ERROR";

/** The verdict of a server run: only a passing run passes, and anything that is not a plain failure is an error. */
export function verdictOf(result: RunResult): Verdict {
  return result.status === "pass" ? "PASS" : result.status === "fail" ? "FAIL" : "ERROR";
}

/** A stored verdict; a value this code does not know reads as ERROR. */
export function toVerdict(value: string): Verdict {
  return value === "PASS" || value === "FAIL" ? value : "ERROR";
}
