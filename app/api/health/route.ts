// GET /api/health - is the database reachable and migrated, can code run (sandbox or workers), and how busy are the runners
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { databaseSchemaState } from "@/lib/db-migrations";
import { withRoute } from "@/lib/http/api";
import { log } from "@/lib/log";
import { runnerOverview } from "@/lib/runner/runner-stats";
import { sandboxHealth } from "@/lib/runner/sandbox-health";
import { runnerMode } from "@/lib/runner/server-runner";

export const dynamic = "force-dynamic";

async function checkDatabase(): Promise<{ database: "ok" | "unreachable" | "schema missing" | "schema behind"; message?: string }> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return { database: "unreachable", message: "The database cannot be reached: check DATABASE_URL and that the server is up." };
  }
  // Reachable but unmigrated (or older than the code) fails on the first real query: say so here.
  const schema = await databaseSchemaState();
  return schema.state === "ok" ? { database: "ok" } : { database: `schema ${schema.state}`, message: schema.message };
}

type Sandbox = { ok: boolean; reason: string; limits: "cgroup" | "rlimits"; seccomp: boolean };

/** In local mode this process runs code: probe its sandbox. With workers, each checks its own (canary runs). */
async function checkRunner(databaseOk: boolean): Promise<{ ok: boolean; fields: Record<string, unknown> }> {
  if (runnerMode() === "queue") {
    const overview = databaseOk ? await runnerOverview().catch(() => undefined) : undefined;
    const ready = overview?.workers.filter((worker) => worker.state === "ready") ?? [];
    const out = overview?.workers.filter((worker) => worker.state !== "ready") ?? [];
    for (const worker of out) log("warn", "health: runner worker out of the pool", { worker: worker.id, reason: worker.reason });
    return {
      ok: ready.length > 0,
      fields: {
        sandbox: ready.length > 0 ? "ok" : "unavailable",
        runner: {
          mode: "queue",
          workers: ready.length,
          // The category only ("sandbox canary failed"); the full reason is in the worker's log and on /admin/runners.
          outOfPool: out.map((worker) => ({ worker: worker.id, reason: worker.reason.split(":")[0] })),
          queueDepth: overview?.waiting ?? null,
          running: overview?.running ?? null,
          waitP95Ms: overview?.waitP95Ms ?? null,
          runsPerMinute: overview?.runsLastMinute ?? null,
        },
      },
    };
  }
  const sandbox: Sandbox = await sandboxHealth().catch(() => ({
    ok: false,
    reason: "check failed",
    limits: "rlimits" as const,
    seccomp: false,
  }));
  if (!sandbox.ok) log("warn", "health: sandbox unavailable", { reason: sandbox.reason });
  else if (sandbox.limits !== "cgroup") log("warn", "health: runs are limited per process only", { reason: sandbox.reason });
  const local = await runnerOverview();
  return {
    ok: sandbox.ok,
    fields: {
      // The reason goes to the log, not to the public: it can hold the sandbox's own error output.
      sandbox: sandbox.ok ? "ok" : "unavailable",
      // How each run's memory and process limits are enforced: a cgroup per run, or per-process rlimits only.
      runLimits: sandbox.limits === "cgroup" ? "per-run cgroup" : "per-process rlimits only",
      seccomp: sandbox.seccomp ? "on" : "off",
      runner: {
        mode: "local",
        queueDepth: local.waiting,
        running: local.running,
        waitP95Ms: local.waitP95Ms,
        runsPerMinute: local.runsLastMinute,
      },
    },
  };
}

export const GET = withRoute(async () => {
  const started = Date.now();
  const { database, message } = await checkDatabase();
  const runner = await checkRunner(database === "ok");
  return NextResponse.json(
    {
      status: database !== "ok" ? "unavailable" : runner.ok ? "ok" : "degraded",
      database,
      ...(message ? { message } : {}),
      ...runner.fields,
      ms: Date.now() - started,
    },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});
