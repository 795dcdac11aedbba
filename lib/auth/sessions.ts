import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";

// Server-side session records (ASVS L2 session timeouts; docs/decisions/0014-sign-in-limits-and-sessions.md).
// The session token names one UserSession row. A token is honoured only while its row exists, has
// seen a request within SESSION_IDLE_MINUTES, and is younger than SESSION_MAX_HOURS. Deleting rows
// ends sessions at once: one (sign-out), all but the current one (password change), or all.

/** lastSeenAt is written at most this often, so an active session costs a write per minute, not per request. */
const TOUCH_EVERY_MS = 60_000;

export async function startSession(userId: string): Promise<string> {
  await purgeStaleSessions();
  const row = await db.userSession.create({ data: { userId }, select: { id: true } });
  return row.id;
}

export type SessionCheck = { ok: true } | { ok: false; reason: "missing" | "idle" | "expired" };

/** Whether the session `sessionId` of `userId` is still valid at `now`; refreshes its idle clock when it is. */
export async function checkSession(sessionId: unknown, userId: unknown, now = new Date()): Promise<SessionCheck> {
  if (typeof sessionId !== "string" || typeof userId !== "string") return { ok: false, reason: "missing" };
  const row = await db.userSession.findUnique({ where: { id: sessionId } });
  if (!row || row.userId !== userId) return { ok: false, reason: "missing" };
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const maxMs = config.SESSION_MAX_HOURS * 60 * 60_000;
  const reason =
    now.getTime() - row.createdAt.getTime() >= maxMs ? "expired" : now.getTime() - row.lastSeenAt.getTime() >= idleMs ? "idle" : null;
  if (reason) {
    await db.userSession.deleteMany({ where: { id: sessionId } });
    return { ok: false, reason };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.userSession.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  return { ok: true };
}

export async function endSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId === "string") await db.userSession.deleteMany({ where: { id: sessionId } });
}

/** Every session of the user except `keep` (the one making the request). */
export async function endOtherSessions(userId: string, keep: string | undefined): Promise<number> {
  const { count } = await db.userSession.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}

/**
 * Rows of anyone's sessions that timed out and were never used again, cleared at each sign-in, so the
 * table holds about the sessions of the last SESSION_IDLE_MINUTES and a sweep of it stays cheap.
 */
export async function purgeStaleSessions(now = new Date()): Promise<number> {
  const idleBefore = new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000);
  const createdBefore = new Date(now.getTime() - config.SESSION_MAX_HOURS * 60 * 60_000);
  const { count } = await db.userSession.deleteMany({
    where: { OR: [{ lastSeenAt: { lt: idleBefore } }, { createdAt: { lt: createdBefore } }] },
  });
  return count;
}
