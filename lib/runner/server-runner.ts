import "server-only";
import { RunQueue } from "@/lib/runner/queue";
import { checkSandbox, runInSandbox } from "@/lib/runner/sandbox";
import type { CodeRunner, RunResult } from "@/lib/runner/types";

const queue = new RunQueue(Number(process.env.RUNNER_CONCURRENCY ?? 2), Number(process.env.RUNNER_MAX_WAITING ?? 50));

/** The server engine: CPython in the bubblewrap sandbox, behind a concurrency-limited queue. */
export const serverRunner: CodeRunner = {
  engine: "server",
  run(request): Promise<RunResult> {
    return queue.run(async () => {
      const health = await checkSandbox();
      if (!health.ok) {
        return {
          status: "unavailable",
          phase: "engine",
          message: `The code sandbox is not available on this server (${health.reason}); code is never run outside it.`,
          traceback: "",
          output: "",
          checks: [],
          engine: "server",
          durationMs: 0,
        };
      }
      return runInSandbox(request);
    });
  },
};

export function runnerStats() {
  return queue.stats;
}
