import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";

export interface StoredDraft {
  code: string;
  editedAt: string;
}

/**
 * Saves a draft unless a newer one is stored. Safe to repeat and to race: the conditional update
 * never replaces a newer draft, and the unique (userId, exerciseId) key keeps one row.
 */
export async function saveDraft(userId: string, exerciseId: string, code: string, editedAt: Date): Promise<StoredDraft> {
  const updated = await db.codeDraft.updateMany({
    where: { userId, exerciseId, editedAt: { lte: editedAt } },
    data: { code, editedAt },
  });
  if (updated.count === 0) {
    try {
      await db.codeDraft.create({ data: { userId, exerciseId, code, editedAt } });
    } catch (error) {
      // A row appeared meanwhile or a newer draft is stored: either way the stored one stands.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return (await getDraft(userId, exerciseId))!;
}

export async function getDraft(userId: string, exerciseId: string): Promise<StoredDraft | null> {
  const row = await db.codeDraft.findUnique({ where: { userId_exerciseId: { userId, exerciseId } } });
  return row && { code: row.code, editedAt: row.editedAt.toISOString() };
}
