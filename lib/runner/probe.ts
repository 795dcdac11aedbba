// The request console's wire format between the check side (scripts/python/run_checks.py run_probe) and
// TypeScript: what the check runner prints for one console request, validated before anything uses it.
// Shared by the server sandbox and the browser engine; no server or DOM imports.
import { z } from "zod";
import type { ProbeResponse, RunResult } from "@/lib/runner/types";

/** Written beside run_checks.py in the check sandbox: its presence switches the runner to the console. */
export const PROBE_FILE = "probe.json";
/** The largest response body kept (run_checks.PROBE_BODY_LIMIT), and the OpenAPI document's. */
export const PROBE_BODY_LIMIT = 65_536;
export const OPENAPI_LIMIT = 262_144;
const MAX_HEADERS = 100;

const HeaderSchema = z.tuple([z.string().max(200), z.string().max(4_000)]);

export const ProbeResponseSchema = z.strictObject({
  status: z.number().int().min(100).max(999),
  headers: z.array(HeaderSchema).max(MAX_HEADERS),
  // The runner cuts text at OPENAPI_LIMIT characters, up to twice as many UTF-16 units here (base64 of that
  // many bytes is 4/3 as long, which fits too).
  body: z.string().max(2 * OPENAPI_LIMIT),
  encoding: z.enum(["text", "base64"]),
  bytes: z.number().int().min(0),
  truncated: z.boolean(),
}) satisfies z.ZodType<ProbeResponse>;

const ProbeLineSchema = z.object({
  status: z.enum(["pass", "error"]),
  phase: z.literal("checks"),
  // Cut below, not refused: a message can quote the learner's path.
  message: z.string().max(20_000),
  probe: z.strictObject({ response: ProbeResponseSchema.optional(), openapi: ProbeResponseSchema.optional() }),
});

type ProbeOutcome = Omit<RunResult, "engine" | "durationMs">;

/**
 * The check runner's last line in console mode: the app's response (status "pass": it answered) or why it
 * did not answer (status "error"). undefined for anything else, including the runner's ordinary "the app did
 * not start" line, which the caller reads as it reads a run's.
 */
export function parseProbeOutput(stdout: string): ProbeOutcome | undefined {
  const line = stdout.trim().split("\n").pop() ?? "";
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = ProbeLineSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { status, message, probe } = parsed.data;
  // Answered means a response is there; the body limits hold for the request's own response.
  if (status === "pass" && !probe.response) return undefined;
  if (probe.response && probe.response.body.length > 2 * PROBE_BODY_LIMIT) return undefined;
  return { status, phase: "checks", message: message.slice(0, 2_000), traceback: "", output: "", checks: [], probe };
}
