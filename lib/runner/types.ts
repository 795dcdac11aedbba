// Shapes shared by both code runners (browser Pyodide worker and server sandbox) and the UI.
// No server imports here: client components use these types too.

export type Engine = "browser" | "server";

export type CheckStatus = "pass" | "fail" | "error";

export interface CheckResult {
  name: string;
  title: string;
  status: CheckStatus;
  message: string;
  traceback: string;
  output: string;
  /** The last request the check sent, and what it expected and got back (failed checks only). */
  request?: string;
  expected?: string;
  actual?: string;
}

/**
 * pass/fail/error come from the check runner (scripts/python/run_checks.py).
 * timeout, limit and unavailable are decided by the engine around it.
 */
export type RunStatus = "pass" | "fail" | "error" | "timeout" | "limit" | "unavailable";

/**
 * A framework-aware hint from static analysis of the learner's code (scripts/python/crossroads_hints.py),
 * added when a run does not pass: which rule, the line it points at, and what to write instead.
 */
export interface RunHint {
  rule: string;
  line: number | null;
  message: string;
}

export interface RunResult {
  status: RunStatus;
  /** "import" when the learner's module (or the checks' import of it) failed before any check ran. */
  phase: "import" | "checks" | "engine";
  message: string;
  traceback: string;
  output: string;
  checks: CheckResult[];
  /** Likely framework mistakes in the code (runs that did not pass only); absent or empty when none. */
  hints?: RunHint[];
  /** Console runs only (RunRequest.probe): what the app answered, when it answered. */
  probe?: { response?: ProbeResponse; openapi?: ProbeResponse };
  engine: Engine;
  durationMs: number;
}

export interface RunRequest {
  /** The learner's code, written as main.py. */
  code: string;
  /** The exercise's checks.py: runs apart from the learner's code on the server. */
  checks: string;
  /** Extra modules (lessons/_support/*.py) by file name. */
  support: Record<string, string>;
  /**
   * Testing exercises (kind: tests) only: the learner's code is a file of tests, run against each of these
   * authored apps in turn; `checks` is then unused (docs/content-format.md).
   */
  tests?: TestsRequest;
  /**
   * The request console (issue 18): instead of the checks, send this one request to the learner's app and
   * report its response (RunResult.probe); `checks` is then unused.
   */
  probe?: ProbeRequest;
}

export const PROBE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type ProbeMethod = (typeof PROBE_METHODS)[number];

/** One request composed in the console, already validated (lib/schemas/console.ts). */
export interface ProbeRequest {
  method: ProbeMethod;
  /** Starts with "/", may hold a query string. */
  path: string;
  /** Name and value pairs, in the order written (a repeated name is joined with ", "). */
  headers: [string, string][];
  /** Sent as UTF-8. */
  body: string;
  /** Also GET /openapi.json from the same app, before the request (FastAPI). */
  openapi?: boolean;
}

/** A response as the check side received it, bounded (scripts/python/run_checks.py response_record). */
export interface ProbeResponse {
  status: number;
  headers: [string, string][];
  /** The body as text (valid UTF-8) or base64 (anything else), cut at the bound. */
  body: string;
  encoding: "text" | "base64";
  /** The body's full length in bytes, and whether `body` holds less than all of it. */
  bytes: number;
  truncated: boolean;
}

export type TestsFramework = "flask" | "django" | "fastapi";

/** An authored app a learner's tests run against: the working one (name "working") or a broken copy. */
export interface TestedApp {
  name: string;
  /** For a broken copy: the bug, in one line ("answers 200 instead of 201 ..."). */
  description: string;
  code: string;
}

export interface TestsRequest {
  framework: TestsFramework;
  apps: TestedApp[];
}

export interface CodeRunner {
  readonly engine: Engine;
  /** owner: who the run is for (a user id), so the queue can serve learners in turn. */
  run(request: RunRequest, owner?: string): Promise<RunResult>;
}
