import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, realpathSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { usePostgres } from "@/tests/setup/test-db";

// Runner workers on the PostgreSQL job queue (docs/decisions/0015-runner-workers.md), with real worker
// processes (npm run worker) and the real sandbox. Two QueueRunner instances stand in for two web
// instances: each has its own pg-boss and its own connections, as a second process would; the
// multi-instance e2e test already covers web instances sharing sessions. No timing assertions: order
// and counts only.

// A generous wall limit: on a busy machine a run must not hit it (its verdict would be ERROR). A lost job
// expires 2 × RUNNER_WALL_SECONDS + 15 s (55 s here) after it started, then pg-boss retries it.
process.env.RUNNER_WALL_SECONDS = "20";
process.env.RUNNER_MODE = "queue";
const url = process.env.DATABASE_URL!;
const root = path.resolve(import.meta.dirname, "../..");

const { QueueRunner } = await import("@/lib/runner/queue-runner");
const { OwnerBusyError } = await import("@/lib/runner/queue");
const health = await import("@/app/api/health/route");
const { submitExercise } = await import("@/lib/exercises/submissions");
const { getExercise } = await import("@/lib/content/queries");
const { db } = await import("@/lib/db");
const { makeUser } = await import("@/tests/setup/factories");

const exercise = getExercise("flask-first-app-ex")!;
const SLOW = `import time\ntime.sleep(2)\n`;

const workers = new Set<ChildProcess>();
let sql: pg.Pool;
const clients: InstanceType<typeof QueueRunner>[] = [];

function startWorker(env: Record<string, string> = {}): ChildProcess {
  // node itself (not the tsx launcher, which forks), so the pid is the worker's own, as in runner_worker.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, RUNNER_CONCURRENCY: "1", LOG_LEVEL: "info", ...env },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  child.on("exit", (code, signal) => {
    workers.delete(child);
    if (code && code !== 0) process.stderr.write(`worker exited ${code} ${signal ?? ""}: ${stderr}\n`);
  });
  workers.add(child);
  return child;
}

/** Kills a worker and its sandboxes at once, as a lost machine would. */
function killWorker(child: ChildProcess) {
  process.kill(-child.pid!, "SIGKILL");
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, seconds = 120): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function readyWorkers(): Promise<{ id: string; pid: number; running: number }[]> {
  const { rows } = await sql.query(
    "SELECT id, pid, running FROM runner_worker WHERE state = 'ready' AND heartbeat_at > now() - interval '30 seconds'",
  );
  return rows;
}

async function waitForWorkers(count: number) {
  await until(`${count} ready workers`, async () => (await readyWorkers()).length >= count && true).catch(async (error: Error) => {
    // Say what the workers reported (a failed canary names its reason), not only that time ran out.
    const { rows } = await sql.query("SELECT pid, state, reason, heartbeat_at FROM runner_worker");
    throw new Error(`${error.message}; runner_worker rows: ${JSON.stringify(rows)}`);
  });
}

async function stopWorkers() {
  for (const child of [...workers]) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await sql.query("DELETE FROM runner_worker");
}

describe.skipIf(!usePostgres)("runner workers on PostgreSQL (TEST_DB=postgres only; skipped on SQLite)", () => {
  beforeAll(async () => {
    sql = new pg.Pool({ connectionString: url, max: 2 });
    clients.push(new QueueRunner(url), new QueueRunner(url));
  });
  afterEach(stopWorkers);
  afterAll(async () => {
    await stopWorkers();
    await Promise.all(clients.map((client) => client.close()));
    await sql.end();
  });

  it("two workers grade 40 submissions from 10 learners, one stored verdict each, even when one worker is killed midway", async () => {
    const [first] = [startWorker(), startWorker()];
    await waitForWorkers(2);
    const learners = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    let graded = 0;
    let killed = false;
    const killMidway = async () => {
      // Once a quarter is done, kill the first worker while it is running a job.
      if (killed || graded < 10) return;
      killed = true;
      const firstRow = () => readyWorkers().then((rows) => rows.find((row) => row.pid === first.pid && row.running > 0));
      await until("the first worker running a job", firstRow, 60).catch(() => undefined);
      killWorker(first);
    };
    const keys = learners.map(() => Array.from({ length: 4 }, () => randomUUID()));
    await Promise.all(
      learners.map(async (learner, l) => {
        for (let i = 0; i < 4; i++) {
          // Alternate the "web instances": each learner's submissions arrive through both.
          const client = clients[(l + i) % 2];
          const outcome = await submitExercise(learner.id, exercise, exercise.solution, keys[l][i], client);
          expect(outcome.verdict, outcome.result.message).toBe("PASS");
          graded++;
          await killMidway();
        }
      }),
    );
    expect(killed).toBe(true);
    const rows = await db.exerciseSubmission.findMany({ where: { userId: { in: learners.map((learner) => learner.id) } } });
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((row) => `${row.userId}:${row.submitKey}`)).size).toBe(40);
    expect(rows.every((row) => row.verdict === "PASS")).toBe(true);
    // A retried request with the same submit key gets the stored verdict, through either instance.
    const again = await submitExercise(learners[0].id, exercise, exercise.solution, keys[0][0], clients[1]);
    expect(again.submissionId).toBe(rows.find((row) => row.submitKey === keys[0][0])!.id);
    expect(await db.exerciseSubmission.count({ where: { userId: learners[0].id } })).toBe(4);
  }, 300_000);

  it("retries a job whose worker died on another worker, then reports an engine error when that one dies too", async () => {
    const first = startWorker();
    await waitForWorkers(1);
    const learner = await makeUser();
    const submit = submitExercise(learner.id, exercise, SLOW + exercise.solution, "lost-twice", clients[0]);
    const running = () => readyWorkers().then((rows) => rows.find((row) => row.running > 0));
    await until("the first worker running the job", running);
    killWorker(first);
    const second = startWorker();
    await until("the second worker running the retried job", async () =>
      (await readyWorkers()).find((row) => row.pid === second.pid && row.running > 0),
    );
    killWorker(second);
    const outcome = await submit;
    expect(outcome.verdict).toBe("ERROR");
    expect(outcome.result).toMatchObject({ status: "error", phase: "engine" });
    expect(outcome.result.message).toMatch(/stopped twice/);
    const { rows } = await sql.query("SELECT state, retry_count FROM pgboss.job WHERE singleton_key = $1", [learner.id]);
    expect(rows).toEqual([{ state: "failed", retry_count: 1 }]);
  }, 300_000);

  it("serves learners in turn: a flooding learner delays another's single run by at most one run", async () => {
    startWorker();
    await waitForWorkers(1);
    const [flooder, other] = await Promise.all([makeUser(), makeUser()]);
    const request = { code: exercise.solution, checks: exercise.checks, support: {} };
    // Only one run per learner is queued or running at a time, across both instances.
    const burst = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => clients[i % 2].run(request, flooder.id)));
    expect(burst.filter((settled) => settled.status === "fulfilled")).toHaveLength(1);
    expect(burst.filter((settled) => settled.status === "rejected").every((settled) => settled.reason instanceof OwnerBusyError)).toBe(
      true,
    );

    // The flooder submits again the moment each result comes back; the other learner submits once meanwhile.
    let otherDone = false;
    const flood = (async () => {
      for (let i = 0; i < 6 && !otherDone; i++) await clients[i % 2].run(request, flooder.id);
    })();
    await until("the flooder's second run", async () => {
      const { rows } = await sql.query("SELECT count(*)::int AS n FROM pgboss.job WHERE singleton_key = $1", [flooder.id]);
      return rows[0].n >= 3;
    });
    await clients[1].run(request, other.id);
    otherDone = true;
    await flood;
    const { rows } = await sql.query(
      `SELECT singleton_key AS owner, created_on, started_on FROM pgboss.job WHERE singleton_key IN ($1, $2) ORDER BY started_on`,
      [flooder.id, other.id],
    );
    const mine = rows.find((row) => row.owner === other.id)!;
    const ahead = rows.filter((row) => row.owner === flooder.id && row.started_on > mine.created_on && row.started_on < mine.started_on);
    expect(ahead.length).toBeLessThanOrEqual(1);

    // /api/health reports the worker and the queue's figures from the database.
    const response = await health.GET(new Request("http://x/api/health"), {});
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      database: "ok",
      sandbox: "ok",
      runner: { mode: "queue", workers: 1, outOfPool: [], queueDepth: 0 },
    });
    expect(body.runner.runsPerMinute).toBeGreaterThan(0);
    expect(body.runner.waitP95Ms).toEqual(expect.any(Number));
  }, 300_000);

  it("withdraws a queued run when the last worker is gone, with a message instead of a timeout", async () => {
    const worker = startWorker();
    await waitForWorkers(1);
    const learner = await makeUser();
    const request = { code: exercise.solution, checks: exercise.checks, support: {} };
    // The first run succeeds and leaves the client believing, for a few seconds, that a worker is live.
    expect((await clients[1].run(request, learner.id)).status).toBe("pass");
    killWorker(worker);
    await sql.query("DELETE FROM runner_worker");
    await expect(clients[1].run(request, learner.id)).rejects.toThrow(/No code runner is available/);
    const { rows } = await sql.query("SELECT state FROM pgboss.job WHERE singleton_key = $1 ORDER BY created_on", [learner.id]);
    expect(rows).toEqual([{ state: "completed" }]);
  }, 300_000);

  it("a worker whose sandbox fails its canary stays out of the pool, says why, runs are refused, and it comes back once fixed", async () => {
    // A venv path with nothing there yet: the canary fails until the link to the real venv appears.
    const venv = path.join(mkdtempSync(path.join(os.tmpdir(), "crossroads-venv-")), "venv");
    startWorker({ RUNNER_VENV: venv });
    const row = await until("the broken worker's row", async () => {
      const { rows } = await sql.query("SELECT state, reason FROM runner_worker");
      return rows[0];
    });
    expect(row.state).toBe("out of pool");
    expect(row.reason).toMatch(/^sandbox canary failed: /);
    const response = await health.GET(new Request("http://x/api/health"), {});
    const body = await response.json();
    expect(body).toMatchObject({
      status: "degraded",
      sandbox: "unavailable",
      runner: { workers: 0, outOfPool: [{ reason: "sandbox canary failed" }] },
    });
    const learner = await makeUser();
    await expect(clients[0].run({ code: "", checks: "", support: {} }, learner.id)).rejects.toThrow(/No code runner is available/);
    // Out of the pool, the canary runs again every 15 s, not only every 3 minutes.
    symlinkSync(realpathSync(path.join(root, ".runner/venv")), venv);
    await waitForWorkers(1);
  }, 300_000);
});
