import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { config } from "@/lib/config";

// One JSON line per event on stdout: easy to grep here and to ship to any log store.
// Fields: time, level, msg, then whatever the caller adds (requestId, userId, route, durationMs, …).

type Level = "info" | "warn" | "error";

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (config.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_key, value) =>
    value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
  );
  if (level === "error") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
}

/** What a request's log line learns while it runs: the user, once a guard has verified the session. */
export interface LogContext {
  userId?: string;
}

const logContext = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(context: LogContext, fn: () => Promise<T>): Promise<T> {
  return logContext.run(context, fn);
}

/** Called by the session guard: the verified user goes into the current log line, if there is one. */
export function noteLogUser(userId: string): void {
  const context = logContext.getStore();
  if (context) context.userId = userId;
}
