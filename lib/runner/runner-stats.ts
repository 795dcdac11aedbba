import "server-only";
import { db } from "@/lib/db";
import { RUN_QUEUE, WORKER_STALE_SECONDS } from "@/lib/runner/job-queue";
import { runnerMode, runnerStats } from "@/lib/runner/server-runner";

// What the code runners are doing, for /api/health and the admin page: with the job queue, the workers
// (from their heartbeats) and the queue (from pg-boss's job table); in one process, its own queue.

export interface WorkerRow {
  id: string;
  host: string;
  state: string;
  /** Why a worker took itself out of the pool (its canary's failure); for admins, not the public. */
  reason: string;
  slots: number;
  running: number;
  runs: number;
  heartbeatSecondsAgo: number;
  canarySecondsAgo: number | null;
}

export interface RunnerOverview {
  mode: "queue" | "local";
  /** Live workers (recent heartbeat), ready or out of the pool; empty in local mode. */
  workers: WorkerRow[];
  /** Runs waiting for a slot, and running now. */
  waiting: number;
  running: number;
  /** 95th percentile of the wait between queueing and start, over the last 10 minutes (local: last 500 runs). */
  waitP95Ms: number | null;
  runsLastMinute: number;
}

const num = (value: unknown): number => Number(value ?? 0);

async function queueOverview(): Promise<RunnerOverview> {
  const [workers, queue, recent] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT id, host, state, reason, slots, running, runs,
              extract(epoch FROM now() - heartbeat_at) AS heartbeat_age,
              extract(epoch FROM now() - canary_at) AS canary_age
         FROM runner_worker WHERE heartbeat_at > now() - make_interval(secs => $1) ORDER BY started_at`,
      WORKER_STALE_SECONDS,
    ),
    // pg-boss creates its schema when the first web instance or worker starts; until then nothing is queued.
    db
      .$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT count(*) FILTER (WHERE state < 'active') AS waiting, count(*) FILTER (WHERE state = 'active') AS running
           FROM pgboss.job WHERE name = $1 AND state < 'completed'`,
        RUN_QUEUE,
      )
      .catch(() => [{ waiting: 0, running: 0 }]),
    db
      .$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_on - created_on) * 1000)
                  FILTER (WHERE started_on > now() - interval '10 minutes') AS wait_p95,
                count(*) FILTER (WHERE state = 'completed' AND completed_on > now() - interval '1 minute') AS per_minute
           FROM pgboss.job WHERE name = $1 AND created_on > now() - interval '10 minutes'`,
        RUN_QUEUE,
      )
      .catch(() => [{ wait_p95: null, per_minute: 0 }]),
  ]);
  return {
    mode: "queue",
    workers: workers.map((row) => ({
      id: String(row.id),
      host: String(row.host),
      state: String(row.state),
      reason: String(row.reason ?? ""),
      slots: num(row.slots),
      running: num(row.running),
      runs: num(row.runs),
      heartbeatSecondsAgo: Math.round(num(row.heartbeat_age)),
      canarySecondsAgo: row.canary_age == null ? null : Math.round(num(row.canary_age)),
    })),
    waiting: num(queue[0].waiting),
    running: num(queue[0].running),
    waitP95Ms: recent[0].wait_p95 == null ? null : Math.round(num(recent[0].wait_p95)),
    runsLastMinute: num(recent[0].per_minute),
  };
}

export async function runnerOverview(): Promise<RunnerOverview> {
  if (runnerMode() === "queue") return queueOverview();
  const local = runnerStats();
  return { mode: "local", workers: [], ...local };
}
