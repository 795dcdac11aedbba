import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/http/client-ip";
import { log, requestIdFrom, runWithLogContext, type LogContext } from "@/lib/log";

// Server actions are the app's main write path, so each call gets the same log line as a route
// handler: request id, user id, route ("action <name>"), outcome and duration. The user id is the one
// the action's own session check verified (getSessionUser notes it), so the session is read once.
// The action pipeline (lib/actions/define.ts) wraps every action in this.

type Outcome = "ok" | "refused" | "redirect" | "error";

/** Every action answers an ActionResult (lib/actions/result.ts): `ok: false` is a refusal. */
function outcomeOf(result: unknown): Outcome {
  return typeof result === "object" && result !== null && (result as { ok?: unknown }).ok === false ? "refused" : "ok";
}

/** redirect() and notFound() throw errors that carry a digest; they are answers, not failures. */
function isNavigation(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}

/** Outside a request (scripts, tests) headers() throws; the line still gets an id. */
async function currentRequest(): Promise<{ requestId: string; ip?: string }> {
  try {
    const given = await headers();
    return { requestId: requestIdFrom(given), ip: clientAddress(given) };
  } catch {
    return { requestId: crypto.randomUUID() };
  }
}

export function loggedAction<Args extends unknown[], Result>(name: string, action: (...args: Args) => Promise<Result>) {
  return async (...args: Args): Promise<Result> => {
    const started = performance.now();
    const { requestId, ip } = await currentRequest();
    const context: LogContext = {};
    const write = (outcome: Outcome, error?: unknown) => {
      const durationMs = Math.round(performance.now() - started);
      const fields = { requestId, ip, userId: context.userId, route: `action ${name}`, outcome, durationMs, ...(error ? { error } : {}) };
      log(outcome === "error" ? "error" : "info", "request", fields);
    };
    try {
      const result = await runWithLogContext(context, () => action(...args));
      write(outcomeOf(result));
      return result;
    } catch (error) {
      if (isNavigation(error)) write("redirect");
      else write("error", error);
      throw error;
    }
  };
}
