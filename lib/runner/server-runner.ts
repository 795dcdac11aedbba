import "server-only";
import { config } from "@/lib/config";
import { isPostgresUrl } from "@/lib/db";
import { RunQueue } from "@/lib/runner/queue";
import { QueueRunner } from "@/lib/runner/queue-runner";
import { runInSandbox } from "@/lib/runner/sandbox";
import type { CodeRunner, RunRequest, RunResult } from "@/lib/runner/types";

// Two runs at once on this 2-core machine: each is CPU-bound for its whole life. Learners are served
// in turn, with one run going and one waiting each (docs/decisions/0005-sandbox.md).
const queue = new RunQueue(config.RUNNER_CONCURRENCY, config.RUNNER_MAX_WAITING, 1);

/** Waiting times (ms) and finish times of recent local runs, for /api/health and the admin page. */
const recent: { waitedMs: number; at: number }[] = [];
const RECENT_KEEP = 500;

/** This process's sandbox behind a fair, concurrency-limited queue: the single-machine engine, and what a worker runs jobs with. */
export const localRunner: CodeRunner = {
  engine: "server",
  run(request, owner): Promise<RunResult> {
    const queued = Date.now();
    return queue.run(() => {
      recent.push({ waitedMs: Date.now() - queued, at: Date.now() });
      if (recent.length > RECENT_KEEP) recent.splice(0, recent.length - RECENT_KEEP);
      return runInSandbox(request);
    }, owner);
  },
};

/** A runner that also takes a graded submission's submit key, so a retried request never runs twice. */
export interface ServerCodeRunner extends CodeRunner {
  run(request: RunRequest, owner?: string, key?: string): Promise<RunResult>;
}

/** Where this process's server runs go: the PostgreSQL job queue and its workers, or its own sandbox. */
export function runnerMode(): "queue" | "local" {
  if (config.RUNNER_MODE !== "auto") return config.RUNNER_MODE;
  return isPostgresUrl(config.DATABASE_URL) ? "queue" : "local";
}

let queueRunner: QueueRunner | undefined;

/**
 * The server engine. On PostgreSQL, web instances enqueue runs for `npm run worker` processes
 * (docs/decisions/0015-runner-workers.md); on SQLite (one machine) the run happens in this process.
 */
export const serverRunner: ServerCodeRunner = {
  engine: "server",
  run(request, owner, key) {
    if (runnerMode() === "queue") return (queueRunner ??= new QueueRunner()).run(request, owner, key);
    return localRunner.run(request, owner);
  },
};

/** The in-process queue's load and its recent waits (the local engine only). */
export function runnerStats() {
  const since = Date.now() - 60_000;
  const waits = recent.map((run) => run.waitedMs).sort((a, b) => a - b);
  return {
    ...queue.stats,
    runsLastMinute: recent.filter((run) => run.at >= since).length,
    waitP95Ms: waits.length ? waits[Math.min(waits.length - 1, Math.ceil(waits.length * 0.95) - 1)] : null,
  };
}
