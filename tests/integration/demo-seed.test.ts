import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_ACCOUNTS, DEMO_INVITE_CODE, seedDemoData } from "@/lib/demo/seed";
import { verifyCredentials } from "@/lib/users";

// Review #10: demo accounts and the never-expiring DEMO-COHORT belong in development only, and their
// passwords never go to stdout (deployments keep it in their logs).
const run = promisify(execFile);
const env = process.env as Record<string, string | undefined>;
const saved = { NODE_ENV: env.NODE_ENV, SEED_DEMO: env.SEED_DEMO };
afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  await db.cohort.deleteMany({ where: { inviteCode: DEMO_INVITE_CODE } });
  await db.user.deleteMany({ where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } } });
});

const credentialsFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "demo-")), ".demo-accounts");
const demoUsers = () => db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } } });

describe("demo data", () => {
  it("in development: creates the accounts and cohort once, with passwords in a 0600 file", async () => {
    env.NODE_ENV = "development";
    delete env.SEED_DEMO;
    const file = credentialsFile();
    const outcome = await seedDemoData(file);
    expect(outcome).toMatchObject({ seeded: true, credentialsFile: file, inviteExpiresAt: null });
    expect(await demoUsers()).toBe(3);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const admin = /^ADMIN\s+(\S+)\s+(\S+)$/m.exec(fs.readFileSync(file, "utf8"));
    expect(admin?.[1]).toBe("admin@crossroads.local");
    expect(await verifyCredentials(admin![1], admin![2])).toMatchObject({ role: "ADMIN" });

    // A second run changes nothing and writes no new passwords.
    const before = fs.readFileSync(file, "utf8");
    expect(await seedDemoData(file)).toMatchObject({ seeded: true, created: [], credentialsFile: null });
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    const cohort = await db.cohort.findUniqueOrThrow({ where: { inviteCode: DEMO_INVITE_CODE }, include: { enrollments: true } });
    expect(cohort.enrollments).toHaveLength(1);
  });

  it("in production: no demo users, no invite code, unless SEED_DEMO=1, and then the code expires", async () => {
    env.NODE_ENV = "production";
    delete env.SEED_DEMO;
    const file = credentialsFile();
    expect(await seedDemoData(file)).toEqual({ seeded: false });
    expect(await demoUsers()).toBe(0);
    expect(await db.cohort.count({ where: { inviteCode: DEMO_INVITE_CODE } })).toBe(0);
    expect(fs.existsSync(file)).toBe(false);

    env.SEED_DEMO = "1";
    const now = new Date("2026-12-02T08:00:00Z");
    const outcome = await seedDemoData(file, now);
    expect(outcome.seeded && outcome.inviteExpiresAt?.toISOString()).toBe("2026-12-09T08:00:00.000Z");
  });

  it("SEED_DEMO=0 turns it off in development too", async () => {
    env.NODE_ENV = "development";
    env.SEED_DEMO = "0";
    expect(await seedDemoData(credentialsFile())).toEqual({ seeded: false });
    expect(await demoUsers()).toBe(0);
  });

  it("npm run db:seed prints no password, in development or production", async () => {
    const root = path.join(import.meta.dirname, "../..");
    const file = credentialsFile();
    const seed = (nodeEnv: "development" | "production") =>
      run("node_modules/.bin/tsx", ["--conditions=react-server", "prisma/seed.ts", file], {
        cwd: root,
        env: { ...process.env, NODE_ENV: nodeEnv, SEED_DEMO: "" },
      });
    const production = await seed("production");
    expect(production.stdout).toContain("No demo accounts in production");
    expect(await demoUsers()).toBe(0);

    const development = await seed("development");
    expect(await demoUsers()).toBe(3);
    const passwords = [...fs.readFileSync(file, "utf8").matchAll(/^\w+\s+\S+@\S+\s+(\S+)$/gm)].map((m) => m[1]);
    expect(passwords).toHaveLength(3);
    for (const password of passwords) expect(development.stdout + development.stderr).not.toContain(password);
    expect(development.stdout).toContain("admin@crossroads.local");
  });
});
