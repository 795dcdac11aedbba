import "server-only";
import type { Answers, ChooserResult, LearnerRecord } from "@/lib/chooser/scoring";
import type { Track } from "@/lib/content/load";
import { FRAMEWORKS, type Framework } from "@/lib/content/schema";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { getLearnerDashboard } from "@/lib/learner-dashboard";
import { decodeChooserAnswers, decodeChooserResult } from "@/lib/records";

export interface SavedChooserResult {
  id: string;
  createdAt: string;
  answers: Answers;
  result: ChooserResult;
}

/** The learner's record per framework track, from the same figures the dashboard shows. */
export async function getLearnerRecord(userId: string, tracks: Track[]): Promise<LearnerRecord> {
  const { overview } = await getLearnerDashboard(userId, tracks);
  const record: LearnerRecord = {};
  for (const track of overview.tracks) {
    if (!(FRAMEWORKS as readonly string[]).includes(track.trackId)) continue;
    record[track.trackId as Framework] = {
      quizzesMastered: track.quizzesMastered,
      quizTotal: track.quizTotal,
      exercisesSolved: track.exercisesSolved,
      exerciseTotal: track.exerciseTotal,
      trackCompleted: track.total > 0 && track.completed === track.total,
    };
  }
  return record;
}

type Row = { id: string; createdAt: Date; answers: string; result: string };

/** A stored result, or null when its JSON is not a result (such rows are left out of lists). */
function toSaved(row: Row): SavedChooserResult | null {
  const result = decodeChooserResult(row.result);
  return result && { id: row.id, createdAt: row.createdAt.toISOString(), answers: decodeChooserAnswers(row.answers), result };
}

/** A row this process just wrote (or its twin under the same key) always reads back. */
function readBack(row: Row): SavedChooserResult {
  const saved = toSaved(row);
  if (!saved) throw new Error(`Chooser result ${row.id} does not read back as a result`);
  return saved;
}

/** Saves a result once per (userId, resultKey): a double submit returns the first. */
export async function saveChooserResult(
  userId: string,
  resultKey: string,
  answers: Answers,
  result: ChooserResult,
): Promise<SavedChooserResult> {
  try {
    return readBack(
      await db.chooserResult.create({
        data: {
          userId,
          resultKey,
          answers: JSON.stringify(answers),
          result: JSON.stringify(result),
          recommendation: result.recommendation,
        },
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return readBack(await db.chooserResult.findUniqueOrThrow({ where: { userId_resultKey: { userId, resultKey } } }));
  }
}

export async function listChooserResults(userId: string, take = 10): Promise<SavedChooserResult[]> {
  const rows = await db.chooserResult.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take });
  return rows.map(toSaved).filter((saved) => saved !== null);
}

/** One of the user's own results; null for another user's id. */
export async function getChooserResult(userId: string, id: string): Promise<SavedChooserResult | null> {
  const row = await db.chooserResult.findFirst({ where: { id, userId } });
  return row && toSaved(row);
}
