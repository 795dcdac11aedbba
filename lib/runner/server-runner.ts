import "server-only";
import { RunQueue, queueSetting } from "@/lib/runner/queue";
import { runInSandbox } from "@/lib/runner/sandbox";
import type { CodeRunner, RunResult } from "@/lib/runner/types";

// Two runs at once on this 2-core machine: each is CPU-bound for its whole life. Learners are served
// in turn, with one run going and one waiting each (docs/decisions/0005-sandbox.md).
const queue = new RunQueue(
  queueSetting(process.env.RUNNER_CONCURRENCY, 2),
  queueSetting(process.env.RUNNER_MAX_WAITING, 50),
  1,
);

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
