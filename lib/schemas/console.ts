import { z } from "zod";
import { IdSchema } from "@/lib/content/schema";
import { CodeSchema } from "@/lib/schemas/exercise";
import { PROBE_METHODS, type ProbeRequest } from "@/lib/runner/types";

// The request console (issue 18): one request a learner composes for their own app. Checked here, by the
// route handler and by the runner worker, before it reaches a sandbox; the check runner reads it as JSON.

export const MAX_PATH_CHARS = 2_000;
export const MAX_HEADERS = 20;
export const MAX_HEADER_VALUE_CHARS = 4_000;
export const MAX_BODY_BYTES = 64 * 1024;

/** Set by the connection itself: a second one would confuse the server reading the request. */
const CONNECTION_HEADERS = new Set(["content-length", "transfer-encoding", "connection"]);

// An HTTP token (RFC 9110), and a value of visible characters, spaces and tabs (no line breaks).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const ProbeHeaderSchema = z
  .tuple([
    z.string().regex(HEADER_NAME, "A header name is letters, digits and - (no spaces or colons)."),
    z
      .string()
      .max(MAX_HEADER_VALUE_CHARS, `A header value is limited to ${MAX_HEADER_VALUE_CHARS} characters.`)
      .regex(HEADER_VALUE, "A header value must fit on one line, in Latin-1 characters."),
  ])
  .refine(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase()), {
    error: "Content-Length, Transfer-Encoding and Connection are set by the console; leave them out.",
  });

export const ProbeSchema = z.strictObject({
  method: z.enum(PROBE_METHODS, { error: `The method must be one of ${PROBE_METHODS.join(", ")}.` }),
  path: z
    .string()
    .max(MAX_PATH_CHARS, `The path is limited to ${MAX_PATH_CHARS} characters.`)
    .regex(/^\/[\x21-\x7e]*$/, "The path starts with / and has no spaces (percent-encode them, and any non-ASCII character)."),
  headers: z.array(ProbeHeaderSchema).max(MAX_HEADERS, `At most ${MAX_HEADERS} headers.`),
  body: z.string().refine((text) => new TextEncoder().encode(text).length <= MAX_BODY_BYTES, {
    error: `The body is limited to ${MAX_BODY_BYTES / 1024} KB.`,
  }),
  openapi: z.boolean().optional(),
}) satisfies z.ZodType<ProbeRequest>;

/** POST /api/console: the learner's code (as for a run) and the request to send to it. */
export const ConsoleSchema = z.strictObject({
  exerciseId: IdSchema,
  code: CodeSchema,
  request: ProbeSchema.omit({ openapi: true }),
});
export type ConsoleInput = z.infer<typeof ConsoleSchema>;

/**
 * The console's headers box, one "Name: value" per line (blank lines skipped), as pairs; the first line that
 * is not a header is reported by its number.
 */
export function parseHeaderLines(text: string): { headers: [string, string][] } | { error: string } {
  const headers: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!HEADER_NAME.test(name)) return { error: `Header line ${index + 1} is not "Name: value".` };
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { headers };
}
