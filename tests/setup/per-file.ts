import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";

// Each test file gets a fresh copy of the migrated base database, set before lib/db is imported.
const dir = path.join(__dirname, "..", ".tmp");
const file = path.join(dir, `test-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}.db`);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
fs.copyFileSync(path.join(dir, "base.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.AUTH_SECRET ??= "test-secret-not-used-outside-tests-0123456789";

// console.error usually means a real bug: make it fail the test that caused it.
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});
