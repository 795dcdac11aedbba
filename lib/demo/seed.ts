import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { RoleName } from "@/lib/auth/roles";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users";

// Demo accounts (a learner, an instructor with a cohort, an admin) for trying the app on one's own
// machine. They belong in development only (review #10): in production they would be a known admin
// address to lock out and an invite code anyone could type. Passwords are generated here and written
// to a file only the owner can read, never to stdout, which deployments keep in their logs.

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: RoleName }[] = [
  { email: "learner@crossroads.local", name: "Demo Learner", role: "LEARNER" },
  { email: "instructor@crossroads.local", name: "Demo Instructor", role: "INSTRUCTOR" },
  { email: "admin@crossroads.local", name: "Demo Admin", role: "ADMIN" },
];
export const DEMO_INVITE_CODE = "DEMO-COHORT";
/** Outside development the demo cohort's invite code stops working after this long. */
const PRODUCTION_INVITE_DAYS = 7;

/** SEED_DEMO when set; otherwise demo data only in development (and tests). */
export function demoSeedingEnabled(): boolean {
  return config.SEED_DEMO ?? config.NODE_ENV !== "production";
}

export type DemoSeedOutcome =
  { seeded: false } | { seeded: true; created: string[]; credentialsFile: string | null; inviteExpiresAt: Date | null };

/**
 * Creates the demo accounts and cohort that are missing; existing accounts and passwords are left
 * alone. New passwords are appended to `credentialsFile` (created 0600).
 */
export async function seedDemoData(credentialsFile: string, now = new Date()): Promise<DemoSeedOutcome> {
  if (!demoSeedingEnabled()) return { seeded: false };
  const lines: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email } })) continue;
    const password = randomBytes(12).toString("base64url");
    await createUser({ ...account, password }, account.role);
    lines.push(`${account.role.padEnd(10)} ${account.email}  ${password}`);
  }
  const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@crossroads.local" } });
  const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@crossroads.local" } });
  const inviteExpiresAt = config.NODE_ENV === "production" ? new Date(now.getTime() + PRODUCTION_INVITE_DAYS * 86_400_000) : null;
  const cohort = await db.cohort.upsert({
    where: { inviteCode: DEMO_INVITE_CODE },
    create: {
      name: "Demo cohort",
      description: "Seeded for trying the instructor dashboard.",
      inviteCode: DEMO_INVITE_CODE,
      inviteExpiresAt,
      ownerId: instructor.id,
    },
    update: {},
  });
  await db.enrollment.upsert({
    where: { cohortId_userId: { cohortId: cohort.id, userId: learner.id } },
    create: { cohortId: cohort.id, userId: learner.id },
    update: {},
  });
  if (lines.length) {
    const header = `# Demo accounts created ${now.toISOString()} by npm run db:seed. Delete this file once you have noted them.\n`;
    const existed = fs.existsSync(credentialsFile);
    fs.appendFileSync(credentialsFile, `${existed ? "" : header}${lines.join("\n")}\n`, { mode: 0o600 });
    fs.chmodSync(credentialsFile, 0o600);
  }
  return {
    seeded: true,
    created: lines.map((line) => line.split(/\s+/)[1]),
    credentialsFile: lines.length ? credentialsFile : null,
    inviteExpiresAt: cohort.inviteExpiresAt,
  };
}
