import "server-only";
import { randomUUID } from "node:crypto";
import { config } from "@/lib/config";
import { ExpectedError } from "@/lib/errors";
import {
  DONE_CHANNEL,
  Listener,
  QUEUED_CHANNEL,
  RUN_QUEUE,
  WORKER_STALE_SECONDS,
  connectQueue,
  jobExpireSeconds,
  jobIdFor,
  type QueueConnection,
  type RunJob,
  type RunJobOutput,
} from "@/lib/runner/job-queue";
import { OwnerBusyError, QueueFullError } from "@/lib/runner/queue";
import type { RunRequest, RunResult } from "@/lib/runner/types";

// The web side of the PostgreSQL run queue: enqueue a run and wait for a worker's result. Fairness holds
// across every web instance because it is decided in one transaction on the shared queue: a learner has
// at most one run queued or running (another answers 429), and the queue holds at most
// RUNNER_MAX_WAITING runs waiting (then 503). With one run per learner in the line, first come first
// served is the same as serving learners in turn.

/** How long a web request waits for its result: a run, its one retry after a lost worker, and a queue. */
export function resultTimeoutSeconds(): number {
  return jobExpireSeconds() * 2 + 60;
}

const POLL_MS = 1000;
/** Serialises enqueues across the cluster (pg_advisory_xact_lock), so the counts below are exact. */
const ENQUEUE_LOCK = 724_015;

export class NoWorkerError extends ExpectedError {
  constructor() {
    super(503, "No code runner is available right now. Try again in a minute.", { "Retry-After": "30" });
    this.name = "NoWorkerError";
  }
}

export class RunTimeoutError extends ExpectedError {
  constructor(seconds: number) {
    super(503, `The code runners did not finish this run within ${seconds} seconds; they may be overloaded. Try again in a minute.`, {
      "Retry-After": "30",
    });
    this.name = "RunTimeoutError";
  }
}

/** The result a learner sees when two workers in a row were lost while running the same job. */
export function lostRunResult(): RunResult {
  return {
    status: "error",
    phase: "engine",
    message: "The server stopped twice while running this code, so it could not be checked. Submit it again.",
    traceback: "",
    output: "",
    checks: [],
    engine: "server",
    durationMs: 0,
  };
}

export class QueueRunner {
  readonly engine = "server" as const;
  private connection: Promise<QueueConnection> | undefined;
  private readonly done: Listener;
  private liveWorkers = { count: 0, at: 0 };

  constructor(private readonly url = config.DATABASE_URL) {
    this.done = new Listener(url, DONE_CHANNEL);
  }

  private connect(): Promise<QueueConnection> {
    this.connection ??= connectQueue("web", this.url).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** Runs the request on a worker. key: a graded submission's submit key, so a retried request waits for the same job. */
  async run(request: RunRequest, owner = "", key?: string): Promise<RunResult> {
    const { boss, pool } = await this.connect();
    if ((await this.countLiveWorkers(pool)) === 0) throw new NoWorkerError();
    const id = key && owner ? jobIdFor(owner, key) : randomUUID();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [ENQUEUE_LOCK]);
      const { rows } = await client.query<{ exists: boolean; waiting: number; mine: number }>(
        `SELECT bool_or(id = $3) AS exists,
                count(*) FILTER (WHERE state < 'active')::int AS waiting,
                count(*) FILTER (WHERE singleton_key = $2 AND state < 'completed')::int AS mine
           FROM pgboss.job WHERE name = $1 AND (state < 'completed' OR id = $3)`,
        [RUN_QUEUE, owner, id],
      );
      const { exists, waiting, mine } = rows[0];
      if (!exists) {
        if (owner && mine > 0) throw new OwnerBusyError();
        if (waiting >= config.RUNNER_MAX_WAITING) throw new QueueFullError();
        const job: RunJob = { request, owner };
        await boss.send(RUN_QUEUE, job as unknown as object, {
          id,
          singletonKey: owner || undefined,
          retryLimit: 1,
          retryDelay: 0,
          expireInSeconds: jobExpireSeconds(),
          db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
        });
        await client.query(`NOTIFY ${QUEUED_CHANNEL}`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return this.waitFor(id);
  }

  private async waitFor(id: string): Promise<RunResult> {
    const { boss, pool } = await this.connect();
    const seconds = resultTimeoutSeconds();
    const deadline = Date.now() + seconds * 1000;
    let wake: (() => void) | undefined;
    const off = this.done.on((payload) => {
      if (payload === id) wake?.();
    });
    try {
      while (Date.now() < deadline) {
        const job = await boss.getJobById<RunJob>(RUN_QUEUE, id, { includeArchive: true });
        if (!job) throw new Error(`run queue: job ${id} vanished`);
        if (job.state === "completed") return (job.output as unknown as RunJobOutput).result;
        if (job.state === "failed" || job.state === "cancelled") return lostRunResult();
        // A waiting job with no live worker left to take it would wait out the whole timeout: withdraw it
        // and say so now. A worker may take it in between; then the DELETE finds nothing and we wait on.
        if ((job.state === "created" || job.state === "retry") && (await this.countLiveWorkers(pool)) === 0) {
          const withdrawn = await pool.query("DELETE FROM pgboss.job WHERE name = $1 AND id = $2 AND state IN ('created', 'retry')", [
            RUN_QUEUE,
            id,
          ]);
          if (withdrawn.rowCount) throw new NoWorkerError();
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      throw new RunTimeoutError(seconds);
    } finally {
      off();
    }
  }

  /** Workers with a recent heartbeat that are in the pool, asked at most every 5 seconds. */
  private async countLiveWorkers(pool: import("pg").Pool): Promise<number> {
    if (Date.now() - this.liveWorkers.at < 5000) return this.liveWorkers.count;
    const { rows } = await pool
      .query<{ count: number }>(
        `SELECT count(*)::int AS count FROM runner_worker WHERE state = 'ready' AND heartbeat_at > now() - make_interval(secs => $1)`,
        [WORKER_STALE_SECONDS],
      )
      .catch(() => ({ rows: [{ count: 0 }] }));
    this.liveWorkers = { count: rows[0].count, at: Date.now() };
    return this.liveWorkers.count;
  }

  async close(): Promise<void> {
    await this.done.close();
    const connection = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    await connection?.close();
  }
}
