import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { DONE_CHANNEL, Listener, QUEUED_CHANNEL, RUN_QUEUE, connectQueue, type RunJob, type RunJobOutput } from "@/lib/runner/job-queue";
import { resetSandboxHealth, sandboxHealth } from "@/lib/runner/sandbox-health";
import { closeWarmPool, warmUp } from "@/lib/runner/sandbox";
import { ProbeSchema } from "@/lib/schemas/console";
import { localRunner } from "@/lib/runner/server-runner";

// A runner worker (`npm run worker`): takes run jobs from the PostgreSQL queue, runs each in this
// machine's sandbox through the same in-process runner a single-machine server uses, and stores the
// result as the job's output. It says it is alive every few seconds (runner_worker), and a canary run
// every few minutes takes it out of the pool while its sandbox is broken (docs/decisions/0015-runner-workers.md).

export interface WorkerOptions {
  url?: string;
  /** Jobs run at once by this process (default RUNNER_CONCURRENCY). */
  slots?: number;
  heartbeatSeconds?: number;
  canarySeconds?: number;
}

type State = "ready" | "out of pool" | "stopped";

const IDLE_POLL_MS = 1000;
/** Out of the pool, the canary runs again this soon: a sandbox that failed once under a load spike should not idle for minutes. */
const OUT_OF_POOL_RECHECK_MS = 15_000;

export interface RunnerWorker {
  readonly id: string;
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions = {}): Promise<RunnerWorker> {
  const url = options.url ?? config.DATABASE_URL;
  const slots = options.slots ?? config.RUNNER_CONCURRENCY;
  const heartbeatMs = (options.heartbeatSeconds ?? 5) * 1000;
  const canaryMs = (options.canarySeconds ?? 180) * 1000;
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const { boss, pool, close } = await connectQueue("worker", url);
  const queued = new Listener(url, QUEUED_CHANNEL);

  let state: State = "ready";
  let reason = "";
  let running = 0;
  let runs = 0;
  let stopping = false;
  const wakers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of wakers) wake();
  };
  const offQueued = queued.on(wakeAll);

  async function beat(canaryAt?: Date) {
    await pool
      .query(
        `INSERT INTO runner_worker (id, host, pid, state, reason, slots, running, runs, canary_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET state = $4, reason = $5, running = $7, runs = $8, heartbeat_at = now(),
           canary_at = COALESCE($9, runner_worker.canary_at)`,
        [id, os.hostname(), process.pid, state, reason, slots, running, runs, canaryAt ?? null],
      )
      .catch((error: Error) => log("warn", "worker: heartbeat failed", { worker: id, error: error.message }));
  }

  let canaryTimer: NodeJS.Timeout | undefined;
  /** A tiny graded run in this machine's sandbox; a failure takes the worker out of the pool until one passes. */
  async function canary() {
    resetSandboxHealth();
    const health = await sandboxHealth().catch((error: Error) => ({ ok: false, reason: error.message }));
    const was = state;
    if (stopping) return;
    if (health.ok) {
      state = "ready";
      reason = "";
      if (was !== "ready") log("info", "worker: canary passed, back in the pool", { worker: id });
    } else {
      state = "out of pool";
      reason = `sandbox canary failed: ${health.reason}`.slice(0, 500);
      log("error", "worker: canary failed, out of the pool", { worker: id, reason: health.reason });
    }
    await beat(new Date());
    if (state === "ready" && was !== "ready") wakeAll();
    clearTimeout(canaryTimer);
    if (!stopping) canaryTimer = setTimeout(() => void canary(), state === "ready" ? canaryMs : Math.min(canaryMs, OUT_OF_POOL_RECHECK_MS));
  }

  async function runJob(job: { id: string; data: RunJob }) {
    running++;
    // The admin page and tests see what each worker is doing now, not at the next heartbeat.
    void beat();
    try {
      // A console request is written into the check sandbox: only one that passes the web side's checks goes.
      const { probe } = job.data.request;
      if (probe !== undefined && !ProbeSchema.safeParse(probe).success) throw new Error("the job's console request is not valid");
      const result = await localRunner.run(job.data.request, job.data.owner);
      if (result.status === "unavailable") {
        // This machine's sandbox broke: give the job back (another worker retries it) and check ourselves.
        await boss.fail(RUN_QUEUE, job.id, { message: result.message, worker: id });
        void canary();
        return;
      }
      const output: RunJobOutput = { result, worker: id };
      await boss.complete(RUN_QUEUE, job.id, output as unknown as object);
      runs++;
      await pool.query("SELECT pg_notify($1, $2)", [DONE_CHANNEL, job.id]);
    } catch (error) {
      log("error", "worker: run failed", { worker: id, job: job.id, error: (error as Error).message });
      await boss.fail(RUN_QUEUE, job.id, { message: (error as Error).message, worker: id }).catch(() => undefined);
      await pool.query("SELECT pg_notify($1, $2)", [DONE_CHANNEL, job.id]).catch(() => undefined);
    } finally {
      running--;
      void beat();
    }
  }

  /** One slot: fetch a job, run it, repeat; sleeps until a "queued" notification or the next poll. */
  async function slot() {
    while (!stopping) {
      let jobs: { id: string; data: RunJob }[] = [];
      if (state === "ready") {
        jobs = (await boss.fetch<RunJob>(RUN_QUEUE, { batchSize: 1 }).catch((error: Error) => {
          log("warn", "worker: fetch failed", { worker: id, error: error.message });
          return [];
        })) as { id: string; data: RunJob }[];
      }
      if (jobs.length > 0) {
        await runJob(jobs[0]);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, IDLE_POLL_MS);
        function done() {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        }
        wakers.add(done);
      });
    }
  }

  await canary();
  // The first runs of each framework find a sandbox that has already imported it (lib/runner/warm-pool.ts).
  if (state === "ready") warmUp();
  const heartbeat = setInterval(() => void beat(), heartbeatMs);
  const loops = Array.from({ length: slots }, () => slot());
  log("info", "worker: started", { worker: id, slots, state, reason });

  return {
    id,
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      clearTimeout(canaryTimer);
      offQueued();
      wakeAll();
      // Runs in progress finish and are stored; nothing new is fetched.
      await Promise.all(loops);
      await closeWarmPool();
      state = "stopped";
      await pool.query("DELETE FROM runner_worker WHERE id = $1", [id]).catch(() => undefined);
      await queued.close();
      await close();
      log("info", "worker: stopped", { worker: id, runs });
    },
  };
}
