import type { Metadata } from "next";
import { getRunnerOverviewForAdmin } from "@/lib/admin/runners";
import { orNotFound, requirePageRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Admin: code runners" };
export const dynamic = "force-dynamic";

export default async function RunnersPage() {
  const user = await requirePageRole("ADMIN", "/admin/runners");
  const overview = await orNotFound(() => getRunnerOverviewForAdmin(user));
  return (
    <div className="stack">
      <h1>Code runners</h1>
      <p className="muted">
        {overview.mode === "queue"
          ? "Runs go through the PostgreSQL job queue to runner workers (npm run worker). A worker whose canary run fails leaves the pool until one passes."
          : "This server runs code itself (SQLite, or RUNNER_MODE=local)."}
      </p>
      <dl className="row" data-testid="runner-figures">
        <dt>Waiting</dt>
        <dd>{overview.waiting}</dd>
        <dt>Running</dt>
        <dd>{overview.running}</dd>
        <dt>Wait, 95th percentile</dt>
        <dd>{overview.waitP95Ms === null ? "no runs yet" : `${overview.waitP95Ms} ms`}</dd>
        <dt>Runs in the last minute</dt>
        <dd>{overview.runsLastMinute}</dd>
      </dl>
      {overview.mode === "queue" && (
        <div className="table-wrap">
          <table data-testid="runner-workers">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">State</th>
                <th scope="col">Running / slots</th>
                <th scope="col">Runs</th>
                <th scope="col">Heartbeat</th>
                <th scope="col">Canary</th>
              </tr>
            </thead>
            <tbody>
              {overview.workers.length === 0 && (
                <tr>
                  <td colSpan={6}>No worker has sent a heartbeat in the last 30 seconds: code runs are refused.</td>
                </tr>
              )}
              {overview.workers.map((worker) => (
                <tr key={worker.id}>
                  <td>{worker.id}</td>
                  <td>
                    {worker.state}
                    {worker.reason && <div className="muted">{worker.reason}</div>}
                  </td>
                  <td>
                    {worker.running} / {worker.slots}
                  </td>
                  <td>{worker.runs}</td>
                  <td>{worker.heartbeatSecondsAgo} s ago</td>
                  <td>{worker.canarySecondsAgo === null ? "not yet" : `${worker.canarySecondsAgo} s ago`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
