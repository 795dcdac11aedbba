// Runner workers on the PostgreSQL job queue (docs/decisions/0015-runner-workers.md): what the queue adds
// to one run's latency against the in-process runner, and saturated throughput with 1 and 2 local
// workers (RUNNER_CONCURRENCY slots each) against the in-process runner, measured in the same run.
// Needs PostgreSQL (scripts/ensure-postgres.sh); uses a database of its own, dropped at the end.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { heading, load, ms, percentile, row } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const flask = {
  code: 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return {"ok": True}\n',
  checks: 'def check_ok(client):\n    assert client.get("/").json() == {"ok": True}\n',
  support: {},
};
const DB = "crossroads_bench_workers";
const SATURATION_RUNS = 24;

type Run = { status: string; message: string };

function baseUrl(): string | undefined {
  if (process.env.PG_BASE_URL) return process.env.PG_BASE_URL.replace(/\/$/, "");
  try {
    return execFileSync("bash", ["scripts/ensure-postgres.sh"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

async function admin(base: string, sql: string) {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function startWorker(url: string): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
    detached: true,
    stdio: "ignore",
  });
}

async function waitForReady(url: string, count: number) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    for (let i = 0; i < 600; i++) {
      const { rows } = await pool.query("SELECT count(*)::int AS n FROM runner_worker WHERE state = 'ready'");
      if (rows[0].n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${count} workers did not become ready`);
  } finally {
    await pool.end();
  }
}

async function sequential(run: () => Promise<Run>, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const result = await run();
    if (result.status !== "pass") throw new Error(`run failed: ${result.message}`);
    latencies.push(performance.now() - t);
  }
  return latencies;
}

/** SATURATION_RUNS runs from as many learners at once (one run per learner may be queued). */
async function saturated(run: (owner: string) => Promise<Run>): Promise<{ rate: number; failed: number }> {
  let failed = 0;
  const { seconds } = await load(SATURATION_RUNS, SATURATION_RUNS, async (i) => {
    const result = await run(`bench-${i}`);
    if (result.status !== "pass") failed++;
  });
  return { rate: SATURATION_RUNS / seconds, failed };
}

function rate({ rate, failed }: { rate: number; failed: number }, reference?: number): string {
  const versus = reference ? `, ${(rate / reference).toFixed(2)}× in process` : " (reference)";
  return `${rate.toFixed(2)} runs/s${versus}${failed ? `; ${failed} hit a limit (machine too busy)` : ""}`;
}

export async function workersBench() {
  heading("Runner workers (PostgreSQL job queue, pg-boss) against the in-process runner");
  const base = baseUrl();
  if (!base) {
    row("skipped", "PostgreSQL is not available (scripts/ensure-postgres.sh)");
    return;
  }
  const url = `${base}/${DB}`;
  await admin(base, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(base, `CREATE DATABASE ${DB}`);
  execFileSync("node", ["scripts/db/migrate.mjs"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const { localRunner } = await import("@/lib/runner/server-runner");
  const { QueueRunner } = await import("@/lib/runner/queue-runner");
  const { config } = await import("@/lib/config");
  const queue = new QueueRunner(url);
  const workers: ChildProcess[] = [];
  const slots = config.RUNNER_CONCURRENCY;
  try {
    const local = await sequential(() => localRunner.run(flask), 15);
    const localRate = await saturated((owner) => localRunner.run(flask, owner));
    workers.push(startWorker(url));
    await waitForReady(url, 1);
    const queued = await sequential(() => queue.run(flask, "bench-latency"), 15);
    const oneRate = await saturated((owner) => queue.run(flask, owner));
    workers.push(startWorker(url));
    await waitForReady(url, 2);
    const twoRate = await saturated((owner) => queue.run(flask, owner));
    const added = (p: number) => percentile(queued, p) - percentile(local, p);
    row("Flask run in process, median / p95 of 15", `${ms(percentile(local, 50))} / ${ms(percentile(local, 95))}`);
    row("Flask run through the queue (1 idle worker)", `${ms(percentile(queued, 50))} / ${ms(percentile(queued, 95))}`);
    row("added by the queue, median / p95", `${ms(added(50))} / ${ms(added(95))}`);
    row(`${SATURATION_RUNS} runs at once, in process (${slots} at a time)`, rate(localRate));
    row(`${SATURATION_RUNS} runs at once, 1 worker × ${slots} slots`, rate(oneRate, localRate.rate));
    row(`${SATURATION_RUNS} runs at once, 2 workers × ${slots} slots`, rate(twoRate, localRate.rate));
    console.log("  (both workers share this machine's cores: the second shows the queue's overhead, not a speed-up)");
    console.log(`  load average during the section: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    for (const worker of workers) {
      try {
        process.kill(-worker.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await queue.close();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await admin(base, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
  }
}

// `npx tsx --conditions=react-server scripts/bench/workers.ts` runs this section alone.
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  process.env.LOG_LEVEL = "silent";
  workersBench()
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
