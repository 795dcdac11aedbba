import "server-only";
import { after } from "next/server";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * Runs work the answer must neither wait for nor reveal by its timing (mail, reset tokens) once the
 * response has been sent. Outside a request (scripts, tests calling lib/ directly) it runs at once.
 * A failure is logged; the visitor has already had their answer.
 */
export async function afterResponse(what: string, task: () => Promise<void>): Promise<void> {
  const run = () =>
    task().catch((error: unknown) => log("error", `${what} failed`, { error: error instanceof Error ? error.message : String(error) }));
  try {
    after(run);
  } catch (error) {
    // Expected only outside a request. In a production request it would mean the timing shows again.
    if (config.NODE_ENV === "production")
      log("warn", `${what}: after() unavailable, ran before the answer`, { error: error instanceof Error ? error.message : String(error) });
    await run();
  }
}
