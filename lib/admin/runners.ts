import "server-only";
import { assertAdmin, type Viewer } from "@/lib/instructor/access";
import { runnerOverview, type RunnerOverview } from "@/lib/runner/runner-stats";

/** The code runners' state for the admin page: workers with their full reasons, queue depth, waits, throughput. */
export async function getRunnerOverviewForAdmin(viewer: Viewer): Promise<RunnerOverview> {
  assertAdmin(viewer);
  return runnerOverview();
}
