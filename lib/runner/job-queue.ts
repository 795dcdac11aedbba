import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import type { RunRequest, RunResult } from "@/lib/runner/types";

// The PostgreSQL run queue shared by web instances (they enqueue and wait) and runner workers (they
// take jobs and run them in the sandbox): pg-boss for the jobs, two notification channels so nobody
// waits for a poll, and a table of live workers (docs/decisions/0015-runner-workers.md).

export const RUN_QUEUE = "crossroads_runs";
/** Sent by a web instance when it queued a job: idle workers fetch at once. */
export const QUEUED_CHANNEL = "crossroads_run_queued";
/** Sent by a worker when a job has its result (payload: the job id): the waiting web instance reads it. */
export const DONE_CHANNEL = "crossroads_run_done";
/** A worker whose last heartbeat is older than this is taken for gone. */
export const WORKER_STALE_SECONDS = 30;

export interface RunJob {
  request: RunRequest;
  owner: string;
}

/** What a worker stores as the job's output. */
export interface RunJobOutput {
  result: RunResult;
  worker: string;
}

/**
 * A run lasts at most its wall limit plus the sandbox's start: a job still active well past that lost
 * its worker (killed, machine gone). pg-boss then fails it and, once, gives it to another worker.
 */
export function jobExpireSeconds(): number {
  return config.RUNNER_WALL_SECONDS * 2 + 15;
}

/** The job id of a graded submission: the same learner and submit key always name the same job. */
export function jobIdFor(owner: string, key: string): string {
  const hex = createHash("sha256").update(`submission\0${owner}\0${key}`).digest("hex");
  // A version-4-shaped UUID (the column is uuid); the bits come from the hash, not from chance.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface QueueConnection {
  boss: PgBoss;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Starts pg-boss on DATABASE_URL (installing or upgrading its schema, "pgboss", on first use) and makes
 * sure the run queue exists. Every process supervises (pg-boss lets one of them do it per interval): it
 * expires jobs whose worker died, so a lost run is retried or reported even when no worker is left.
 */
export async function connectQueue(role: "web" | "worker", url = config.DATABASE_URL): Promise<QueueConnection> {
  const worker = role === "worker";
  const boss = new PgBoss({
    connectionString: url,
    max: worker ? 4 : 6,
    application_name: `crossroads-${role}`,
    supervise: true,
    schedule: false,
    maintenanceIntervalSeconds: 10,
  });
  boss.on("error", (error: Error) => log("error", "run queue: pg-boss error", { role, error: error.message }));
  await boss.start();
  try {
    await ensureRunQueue(boss, role);
  } catch (error) {
    // Not left running: a caller that tries again later starts a new one.
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: `crossroads-${role}` });
  pool.on("error", (error) => log("error", "run queue: idle connection failed", { role, error: error.message }));
  return {
    boss,
    pool,
    async close() {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * Creates the run queue unless it exists. Processes starting together all try: pg-boss's create_queue
 * inserts the queue's row (ON CONFLICT DO NOTHING) and creates its table, and two of them at once can
 * deadlock. The victim tries again after a pause, by when the winner has committed; any other error is thrown.
 */
async function ensureRunQueue(boss: PgBoss, role: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(RUN_QUEUE)) return;
    try {
      await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "standard", retryLimit: 1, retryDelay: 0 });
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== "string" || !CREATE_RACES.has(code)) throw error;
      log("warn", "run queue: creating the queue raced another process; trying again", { role, code, attempt });
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50));
    }
  }
}

/** What two concurrent create_queue calls can fail with: deadlock, serialization failure, duplicate row or table. */
const CREATE_RACES = new Set(["40P01", "40001", "23505", "42P07"]);

/**
 * One LISTEN connection per process, reconnecting after a failure. Callers keep polling as well, so a
 * notification lost during a reconnect only costs a poll interval.
 */
export class Listener {
  private client: pg.Client | undefined;
  private closed = false;
  private readonly handlers = new Set<(payload: string) => void>();

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {}

  on(handler: (payload: string) => void): () => void {
    this.handlers.add(handler);
    void this.ensure();
    return () => this.handlers.delete(handler);
  }

  private connecting: Promise<void> | undefined;

  private ensure(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: "crossroads-listen" });
      const drop = () => {
        if (this.client === client) this.client = undefined;
        void client.end().catch(() => undefined);
      };
      client.on("error", drop);
      client.on("end", drop);
      client.on("notification", (message) => {
        for (const handler of this.handlers) handler(message.payload ?? "");
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        this.client = client;
      } catch (error) {
        log("warn", "run queue: cannot listen, polling only", { channel: this.channel, error: (error as Error).message });
        drop();
      }
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
