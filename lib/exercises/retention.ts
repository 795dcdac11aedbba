import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";

// Bounded storage per learner (review #14): each graded submission keeps up to 50 KB of code and the
// run's result, and a learner may submit 30 times a minute. Only the newest SUBMISSIONS_KEPT of one
// learner's submissions to one exercise are kept, plus their first pass, which is what "solved" rests on.

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
