import "server-only";
import { cgroupSupport } from "@/lib/runner/cgroups";
import { defaultLimits, runInSandbox, seccompAvailable } from "@/lib/runner/sandbox";

// Whether the sandbox works here, learned by a background probe: one tiny graded run (both
// sandboxes, the cgroup and the seccomp filter) at most once a minute and never two at a time,
// so a burst of health requests cannot start a sandbox each.

export interface SandboxHealth {
  ok: boolean;
  /** For the log and the admin, never for visitors: it can hold a sandbox tool's own error output. */
  reason: string;
  /** How the run's limits are enforced: a cgroup per run, or only the per-process rlimits. */
  limits: "cgroup" | "rlimits";
  seccomp: boolean;
  checkedAt: number;
}

const PROBE_INTERVAL_MS = 60_000;
const PROBE_APP = `def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
`;
const PROBE_CHECKS = `def check_answers(client):
    assert client.get("/").text == "ok"
`;

let last: SandboxHealth | undefined;
let inFlight: Promise<SandboxHealth> | undefined;

async function probe(): Promise<SandboxHealth> {
  const cgroups = await cgroupSupport();
  const result = await runInSandbox({ code: PROBE_APP, checks: PROBE_CHECKS, support: {} }, { ...defaultLimits(), wallSeconds: 15 }).catch(
    (error: unknown) => ({ status: "unavailable" as const, message: error instanceof Error ? error.message : String(error) }),
  );
  const ok = result.status === "pass";
  const limits = cgroups.version ? "cgroup" : "rlimits";
  const reason = ok ? (cgroups.version ? "ok" : `ok, but ${cgroups.reason}: runs are limited per process only`) : result.message;
  return { ok, reason, limits, seccomp: seccompAvailable(), checkedAt: Date.now() };
}

/** The latest probe's answer; starts a probe when the last one is older than a minute (the first call waits for it). */
export async function sandboxHealth(): Promise<SandboxHealth> {
  const stale = !last || Date.now() - last.checkedAt > PROBE_INTERVAL_MS;
  if (stale && !inFlight) {
    inFlight = probe()
      .then((health) => {
        last = health;
        return health;
      })
      .finally(() => {
        inFlight = undefined;
      });
  }
  if (last) return last;
  return inFlight!;
}

/** Forgets the last answer (tests, and after an operator fixed the sandbox). */
export function resetSandboxHealth(): void {
  last = undefined;
}
