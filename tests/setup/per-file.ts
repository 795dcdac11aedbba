import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { pgAdmin, pgBaseUrl, tmpDir, usePostgres } from "./test-db";

// Each test file gets a fresh copy of the migrated base database, set before lib/db is imported.
const id = `${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
if (usePostgres) {
  const run = process.env.TEST_PG_RUN!;
  await pgAdmin((client) => client.query(`CREATE DATABASE "${run}_${id}" TEMPLATE "${run}_base"`));
  process.env.DATABASE_URL = `${pgBaseUrl()}/${run}_${id}`;
} else {
  const dir = process.env.TEST_SQLITE_DIR ?? tmpDir;
  const file = path.join(dir, `test-${id}.db`);
  fs.copyFileSync(path.join(dir, "base.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.AUTH_SECRET ??= "test-secret-not-used-outside-tests-0123456789";
// Server runs happen in the test process on both databases; tests/integration/run-workers.test.ts starts workers itself.
process.env.RUNNER_MODE ??= "local";
// Warm sandboxes outlive the runs that made them start, and tests count what sandbox uids leave behind:
// only the tests of the warm pool (tests/integration/sandbox.test.ts) turn it on.
process.env.RUNNER_WARM_POOL ??= "0";
// Request log lines would bury the test report; tests of the logger switch it back on.
process.env.LOG_LEVEL ??= "silent";

// console.error usually means a real bug: make it fail the test that caused it.
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
});
