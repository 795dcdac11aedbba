import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { ExpectedError } from "@/lib/errors";
import { assertInstructor, CohortNotFoundError, type Viewer } from "@/lib/instructor/access";
import type { CreateCohort } from "@/lib/schemas/cohorts";

// Crockford-style alphabet without 0/O, 1/I/L: easy to read aloud and to type from a slide.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_GROUPS = 3;
const GROUP_LENGTH = 4;

/** 12 symbols from 31 (about 59 bits) from the CSPRNG: not guessable, not enumerable. */
export function generateInviteCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < CODE_GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

function expiryFrom(days: number | null | undefined, now: Date): Date | null {
  return days ? new Date(now.getTime() + days * 24 * 60 * 60 * 1000) : null;
}

function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2025";
}

/** Retries the (astronomically unlikely) collision of a fresh code with an existing one. */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(generateInviteCode());
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 4) throw error;
    }
  }
}

const cohortFields = {
  id: true,
  name: true,
  description: true,
  inviteCode: true,
  inviteExpiresAt: true,
  archivedAt: true,
  createdAt: true,
} as const;

export type CohortSummary = {
  id: string;
  name: string;
  description: string | null;
  inviteCode: string;
  inviteExpiresAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
};

export async function createCohort(viewer: Viewer, input: CreateCohort, now = new Date()): Promise<CohortSummary> {
  assertInstructor(viewer);
  return withFreshCode((inviteCode) =>
    db.cohort.create({
      data: {
        name: input.name,
        description: input.description,
        inviteCode,
        inviteExpiresAt: expiryFrom(input.expiresInDays, now),
        ownerId: viewer.id,
      },
      select: cohortFields,
    }),
  );
}

/** The viewer's own cohorts, active first, with their member counts. */
export async function listOwnCohorts(viewer: Viewer): Promise<(CohortSummary & { memberCount: number })[]> {
  assertInstructor(viewer);
  const rows = await db.cohort.findMany({
    where: { ownerId: viewer.id },
    select: { ...cohortFields, _count: { select: { enrollments: true } } },
    orderBy: [{ createdAt: "desc" }],
  });
  return rows
    .map(({ _count, ...cohort }) => ({ ...cohort, memberCount: _count.enrollments }))
    .sort((a, b) => Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)));
}

/** One of the viewer's cohorts, or CohortNotFoundError whether it is missing or someone else's. */
export async function getOwnedCohort(viewer: Viewer, cohortId: string): Promise<CohortSummary> {
  assertInstructor(viewer);
  const cohort = await db.cohort.findFirst({ where: { id: cohortId, ownerId: viewer.id }, select: cohortFields });
  if (!cohort) throw new CohortNotFoundError();
  return cohort;
}

/** A new code replaces the old one at once: anyone holding the old code can no longer join. */
export async function rotateInviteCode(
  viewer: Viewer,
  cohortId: string,
  expiresInDays: number | null = null,
  now = new Date(),
): Promise<CohortSummary> {
  assertInstructor(viewer);
  try {
    return await withFreshCode((inviteCode) =>
      db.cohort.update({
        where: { id: cohortId, ownerId: viewer.id },
        data: { inviteCode, inviteExpiresAt: expiryFrom(expiresInDays, now) },
        select: cohortFields,
      }),
    );
  } catch (error) {
    if (isRecordNotFound(error)) throw new CohortNotFoundError();
    throw error;
  }
}

/** Archiving keeps every record but closes the invite code. Archiving twice keeps the first date. */
export async function archiveCohort(viewer: Viewer, cohortId: string, now = new Date()): Promise<void> {
  assertInstructor(viewer);
  const cohort = await getOwnedCohort(viewer, cohortId);
  if (cohort.archivedAt) return;
  await db.cohort.updateMany({ where: { id: cohortId, ownerId: viewer.id, archivedAt: null }, data: { archivedAt: now } });
}

/** Restoring reopens an archived cohort: its invite code admits learners again until it expires. */
export async function restoreCohort(viewer: Viewer, cohortId: string): Promise<void> {
  assertInstructor(viewer);
  const { count } = await db.cohort.updateMany({ where: { id: cohortId, ownerId: viewer.id }, data: { archivedAt: null } });
  if (count === 0) throw new CohortNotFoundError();
}

/** Takes a learner out of the cohort. Their own progress stays theirs; only the membership goes. */
export async function removeLearner(viewer: Viewer, cohortId: string, userId: string): Promise<void> {
  assertInstructor(viewer);
  const { count } = await db.enrollment.deleteMany({ where: { cohortId, userId, cohort: { ownerId: viewer.id } } });
  if (count === 0) throw new CohortNotFoundError();
}

export type JoinRefusal = "invalid" | "expired" | "archived" | "owner";

const JOIN_MESSAGES: Record<JoinRefusal, string> = {
  invalid: "No cohort has that invite code. Check it for typos, or ask your instructor for a new one.",
  expired: "That invite code has expired. Ask your instructor for a new one.",
  archived: "That cohort has been archived and no longer takes new learners.",
  owner: "You run this cohort, so you cannot join it as a learner.",
};

export class JoinError extends ExpectedError {
  constructor(readonly reason: JoinRefusal) {
    super(reason === "invalid" ? 404 : 409, JOIN_MESSAGES[reason]);
    this.name = "JoinError";
  }
}

export interface JoinOutcome {
  cohortId: string;
  cohortName: string;
  alreadyMember: boolean;
}

/**
 * Joins the user to the cohort with this code. Idempotent: joining again (a double click, a second
 * tab, an old link) keeps the one enrollment and its original date. Expects a normalised code.
 */
export async function joinCohortByCode(userId: string, code: string, now = new Date()): Promise<JoinOutcome> {
  const cohort = await db.cohort.findUnique({
    where: { inviteCode: code },
    select: { id: true, name: true, ownerId: true, archivedAt: true, inviteExpiresAt: true },
  });
  if (!cohort) throw new JoinError("invalid");
  if (cohort.archivedAt) throw new JoinError("archived");
  if (cohort.inviteExpiresAt && cohort.inviteExpiresAt.getTime() <= now.getTime()) throw new JoinError("expired");
  if (cohort.ownerId === userId) throw new JoinError("owner");
  const existing = await db.enrollment.findUnique({
    where: { cohortId_userId: { cohortId: cohort.id, userId } },
    select: { id: true },
  });
  if (!existing) {
    // The upsert, not the read above, is what keeps two simultaneous joins to one row.
    try {
      await db.enrollment.upsert({
        where: { cohortId_userId: { cohortId: cohort.id, userId } },
        create: { cohortId: cohort.id, userId },
        update: {},
      });
    } catch (error) {
      // A concurrent join won the insert: the learner is in, which is all that was asked.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { cohortId: cohort.id, cohortName: cohort.name, alreadyMember: Boolean(existing) };
}
