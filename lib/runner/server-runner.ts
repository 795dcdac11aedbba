import "server-only";
import { config } from "@/lib/config";
import { RunQueue } from "@/lib/runner/queue";
import { runInSandbox } from "@/lib/runner/sandbox";
import type { CodeRunner, RunResult } from "@/lib/runner/types";

// Two runs at once on this 2-core machine: each is CPU-bound for its whole life. Learners are served
// in turn, with one run going and one waiting each (docs/decisions/0005-sandbox.md).
const queue = new RunQueue(config.RUNNER_CONCURRENCY, config.RUNNER_MAX_WAITING, 1);

/** The server engine: CPython in two bubblewrap sandboxes, behind a fair, concurrency-limited queue. */
export const serverRunner: CodeRunner = {
  engine: "server",
  run(request, owner): Promise<RunResult> {
    return queue.run(() => runInSandbox(request), owner);
  },
};

export function runnerStats() {
  return queue.stats;
}
