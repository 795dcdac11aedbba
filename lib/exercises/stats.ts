import "server-only";
import { db } from "@/lib/db";

export interface ExerciseStats {
  exerciseId: string;
  submissions: number;
  solved: boolean;
}

/** Submissions per exercise and whether the server ever passed one, for one user. */
export async function listExerciseStats(userId: string, trackId?: string, exerciseId?: string): Promise<ExerciseStats[]> {
  const rows = await db.exerciseSubmission.groupBy({
    by: ["exerciseId", "verdict"],
    where: { userId, ...(trackId ? { trackId } : {}), ...(exerciseId ? { exerciseId } : {}) },
    _count: { _all: true },
  });
  const stats = new Map<string, ExerciseStats>();
  for (const row of rows) {
    const entry = stats.get(row.exerciseId) ?? { exerciseId: row.exerciseId, submissions: 0, solved: false };
    entry.submissions += row._count._all;
    entry.solved ||= row.verdict === "PASS";
    stats.set(row.exerciseId, entry);
  }
  return [...stats.values()];
}
