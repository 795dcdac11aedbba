import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";

// Fixed-window rate limits kept in the database, so every app instance shares them.

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface LimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

/** Over a limit: a 429 whose Retry-After says when the window resets. */
export class RateLimitError extends ExpectedError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(429, message, { "Retry-After": String(retryAfter) });
    this.name = "RateLimitError";
  }
}

/** The limits in force; each can be changed with an environment variable (lib/config.ts). */
export const LIMITS = {
  signInPerIp: { max: config.RATE_SIGNIN_PER_IP, windowMs: 15 * 60_000 },
  signInFailuresPerEmail: { max: config.RATE_SIGNIN_FAILURES, windowMs: 15 * 60_000 },
  signUpPerIp: { max: config.RATE_SIGNUP_PER_IP, windowMs: 60 * 60_000 },
  runsPerUser: { max: config.RATE_RUNS_PER_USER, windowMs: 60_000 },
  runsPerIp: { max: config.RATE_RUNS_PER_IP, windowMs: 60_000 },
  quizSubmitsPerUser: { max: config.RATE_QUIZ_SUBMITS_PER_HOUR, windowMs: 60 * 60_000 },
  chooserSavesPerUser: { max: config.RATE_CHOOSER_SAVES_PER_HOUR, windowMs: 60 * 60_000 },
  draftSavesPerUser: { max: config.RATE_DRAFT_SAVES_PER_MINUTE, windowMs: 60_000 },
} satisfies Record<string, Limit>;

/** How often each process deletes the rows of windows that have ended (review #14: they would pile up forever). */
export const PURGE_EVERY_MS = 10 * 60_000;
let lastPurge = 0;

/** Deletes every row whose window ended before `now`; such a row counts for nothing (hit() restarts it). */
export async function purgeExpiredLimits(now = Date.now()): Promise<number> {
  const { count } = await db.rateLimitHit.deleteMany({ where: { resetAt: { lte: BigInt(now) } } });
  return count;
}

/** Purges at most once per PURGE_EVERY_MS per process, on the wall clock (never a caller's `now`). */
async function purgeWhenDue(): Promise<void> {
  const wall = Date.now();
  if (wall - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = wall;
  await purgeExpiredLimits(wall);
}

/** Counts one hit against `key` and says whether it is within the limit. Atomic on SQLite and PostgreSQL. */
export async function hit(key: string, limit: Limit, now = Date.now()): Promise<LimitResult> {
  await purgeWhenDue();
  const resetAt = BigInt(now + limit.windowMs);
  const nowMs = BigInt(now);
  const rows = await db.$queryRaw<{ count: number | bigint; resetAt: number | bigint }[]>`
    INSERT INTO "RateLimitHit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitHit"."resetAt" <= ${nowMs} THEN 1 ELSE "RateLimitHit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitHit"."resetAt" <= ${nowMs} THEN ${resetAt} ELSE "RateLimitHit"."resetAt" END
    RETURNING "count", "resetAt"`;
  const count = Number(rows[0].count);
  const retryAfter = Math.max(1, Math.ceil((Number(rows[0].resetAt) - now) / 1000));
  return { allowed: count <= limit.max, remaining: Math.max(0, limit.max - count), retryAfter };
}

/** Whether `key` is over its limit now, without counting a hit. */
export async function isLimited(key: string, limit: Limit, now = Date.now()): Promise<LimitResult> {
  const row = await db.rateLimitHit.findUnique({ where: { key } });
  if (!row || Number(row.resetAt) <= now) return { allowed: true, remaining: limit.max, retryAfter: 0 };
  const retryAfter = Math.max(1, Math.ceil((Number(row.resetAt) - now) / 1000));
  return { allowed: row.count < limit.max, remaining: Math.max(0, limit.max - row.count), retryAfter };
}

export async function clearLimit(key: string): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { key } });
}

/** The client's address: see lib/http/client-ip.ts (TRUSTED_PROXY_HOPS). */
export { clientIp } from "@/lib/http/client-ip";

export function minutesText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}

/** Spends one unit of a budget, or throws a RateLimitError (429 with Retry-After) naming what was too fast. */
export async function enforceLimit(key: string, limit: Limit, doing: string): Promise<void> {
  const result = await hit(key, limit);
  if (!result.allowed) {
    throw new RateLimitError(
      `You are ${doing} faster than the site allows. Try again in ${minutesText(result.retryAfter)}.`,
      result.retryAfter,
    );
  }
}
