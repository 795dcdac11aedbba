import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { usePostgres } from "@/tests/setup/test-db";

// Processes that start together (two workers, a web instance and a worker) all make sure the run
// queue exists on first use. pg-boss's create_queue in two transactions at once can deadlock; each
// process must still come up with the queue in place.

const url = process.env.DATABASE_URL!;

describe.skipIf(!usePostgres)("the run queue on a fresh database (TEST_DB=postgres only; skipped on SQLite)", () => {
  const sql = new pg.Pool({ connectionString: url, max: 1 });
  afterAll(() => sql.end());

  it("comes up in every one of several processes starting at once, round after round", async () => {
    const { connectQueue, RUN_QUEUE } = await import("@/lib/runner/job-queue");
    for (let round = 0; round < 40; round++) {
      await sql.query("DROP SCHEMA IF EXISTS pgboss CASCADE");
      const settled = await Promise.allSettled(Array.from({ length: 4 }, () => connectQueue("worker", url)));
      const connections = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
      const failures = settled.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
      const queue = connections[0] && (await connections[0].boss.getQueue(RUN_QUEUE));
      await Promise.all(connections.map((connection) => connection.close()));
      expect(failures, `round ${round}`).toEqual([]);
      expect(queue?.name).toBe(RUN_QUEUE);
    }
  }, 120_000);
});
