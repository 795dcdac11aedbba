// GET /api/health - is the database reachable, and can the code sandbox start
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { databaseSchemaState } from "@/lib/db-migrations";
import { withRoute } from "@/lib/http/api";
import { log } from "@/lib/log";
import { sandboxHealth } from "@/lib/runner/sandbox-health";

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

export const GET = withRoute(async () => {
  const started = Date.now();
  const [{ database, message }, sandbox] = await Promise.all([
    checkDatabase(),
    sandboxHealth().catch(() => ({ ok: false, reason: "check failed", limits: "rlimits" as const, seccomp: false })),
  ]);
  const healthy = database === "ok" && sandbox.ok;
  if (!sandbox.ok) log("warn", "health: sandbox unavailable", { reason: sandbox.reason });
  else if (sandbox.limits !== "cgroup") log("warn", "health: runs are limited per process only", { reason: sandbox.reason });
  return NextResponse.json(
    {
      status: database !== "ok" ? "unavailable" : healthy ? "ok" : "degraded",
      database,
      ...(message ? { message } : {}),
      // The reason goes to the log, not to the public: it can hold the sandbox's own error output.
      sandbox: sandbox.ok ? "ok" : "unavailable",
      // How each run's memory and process limits are enforced: a cgroup per run, or per-process rlimits only.
      runLimits: sandbox.limits === "cgroup" ? "per-run cgroup" : "per-process rlimits only",
      seccomp: sandbox.seccomp ? "on" : "off",
      ms: Date.now() - started,
    },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});
