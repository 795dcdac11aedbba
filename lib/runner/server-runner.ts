import "server-only";
import { RunQueue, queueSetting } from "@/lib/runner/queue";
import { checkSandbox, runInSandbox, unavailableMessage } from "@/lib/runner/sandbox";
import type { CodeRunner, RunResult } from "@/lib/runner/types";

// Two runs at once on this 2-core machine: each is CPU-bound for its whole life.
const queue = new RunQueue(queueSetting(process.env.RUNNER_CONCURRENCY, 2), queueSetting(process.env.RUNNER_MAX_WAITING, 50));

/** The server engine: CPython in the bubblewrap sandbox, behind a concurrency-limited queue. */
export const serverRunner: CodeRunner = {
  engine: "server",
  run(request): Promise<RunResult> {
    return queue.run(async () => {
      // Refuse rather than fall back: learner code never runs outside the sandbox.
      const health = await checkSandbox();
      if (!health.ok) {
        return { status: "unavailable", phase: "engine", message: unavailableMessage(health.reason), traceback: "", output: "", checks: [], engine: "server", durationMs: 0 };
      }
      return runInSandbox(request);
    });
  },
};

export function runnerStats() {
  return queue.stats;
}
