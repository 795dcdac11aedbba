import "server-only";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CheckResult, RunRequest, RunResult, RunStatus } from "@/lib/runner/types";

// One harness run inside bubblewrap. Layers, outermost first:
//   timeout -s KILL  wall clock (Node keeps its own timer as a backstop)
//   prlimit          CPU seconds, address space, file size, processes, open files
//   setpriv          drop to a uid of our own pool: RLIMIT_NPROC is not enforced for root, and one uid
//                    per concurrent run keeps one learner's fork bomb from starving another's run
//   bwrap            no network, only the interpreter's files read-only, a small private /tmp,
//                    a cleared environment, its own pid namespace
// Output is capped in Node. Why these layers and numbers: docs/decisions/0005-sandbox.md.

export interface SandboxLimits {
  wallSeconds: number;
  /** SIGXCPU at this many seconds of CPU, SIGKILL one second later. */
  cpuSeconds: number;
  /** RLIMIT_AS: FastAPI with TestClient peaks at ~270 MB of address space (thread stacks). */
  memoryBytes: number;
  /** stdout + stderr read by Node; beyond it the run is killed. */
  outputBytes: number;
  /** RLIMIT_FSIZE: the largest file learner code may write. */
  fileBytes: number;
  /** Size of the private /tmp tmpfs (the only writable place), so writes cannot fill the host's RAM. */
  tmpBytes: number;
  /** RLIMIT_NPROC for the run's uid: processes and threads together. */
  processes: number;
  openFiles: number;
}

const MB = 1024 * 1024;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function defaultLimits(): SandboxLimits {
  return {
    wallSeconds: envNumber("RUNNER_WALL_SECONDS", 10),
    cpuSeconds: envNumber("RUNNER_CPU_SECONDS", 8),
    memoryBytes: envNumber("RUNNER_MEMORY_MB", 512) * MB,
    outputBytes: MB,
    fileBytes: 8 * MB,
    tmpBytes: 16 * MB,
    processes: 32,
    openFiles: 64,
  };
}

export const DEFAULT_LIMITS: SandboxLimits = defaultLimits();

/** The venv the sandbox runs; resolved per call so tests and deployments can point RUNNER_VENV elsewhere. */
export function venvPath(): string {
  // turbopackIgnore: run-time paths on the server, not files for the bundler to trace (the venv's
  // python is a symlink out of the project, which breaks the build's file tracing).
  return path.resolve(/*turbopackIgnore: true*/ process.env.RUNNER_VENV ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".runner", "venv"));
}

function harnessPath(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "python", "harness.py");
}

// Uids no account on the host owns (override with RUNNER_UID_BASE). RLIMIT_NPROC counts every process
// of a uid host-wide, zombies included, so each concurrent run gets its own uid, and uids are handed out
// round-robin: the pid namespace kills a run's processes when it ends, but their reaping is asynchronous,
// and a uid comes back only after 255 other runs.
export const UID_BASE = envNumber("RUNNER_UID_BASE", 61000);
export const UID_COUNT = 256;
const uidsInUse = new Set<number>();
let nextUid = 0;

function acquireUid(): number | undefined {
  for (let i = 0; i < UID_COUNT; i++) {
    const uid = UID_BASE + ((nextUid + i) % UID_COUNT);
    if (!uidsInUse.has(uid)) {
      uidsInUse.add(uid);
      nextUid = (nextUid + i + 1) % UID_COUNT;
      return uid;
    }
  }
  return undefined;
}

/** Where the exercise directory appears inside the sandbox (under the private tmpfs). */
const INSIDE_DIR = "/tmp/exercise";
/** Where the venv appears inside: not at its host path, so not even the project's path shows. */
const INSIDE_VENV = "/opt/venv";

function sandboxCommand(opts: { workDir: string; uid: number; limits: SandboxLimits; nonce: string; argv: string[] }): string[] {
  const { workDir, uid, limits, nonce, argv } = opts;
  const venv = venvPath();
  return [
    "timeout", "-s", "KILL", String(limits.wallSeconds),
    "prlimit",
    // Soft limit first: Python dies of SIGXCPU (exit 152), so the message can name the CPU limit.
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--as=${limits.memoryBytes}`,
    `--fsize=${limits.fileBytes}`,
    `--nproc=${limits.processes}`,
    `--nofile=${limits.openFiles}`,
    "--",
    "setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all",
    "bwrap",
    "--unshare-all", "--unshare-user", "--disable-userns",
    "--die-with-parent", "--new-session", "--clearenv",
    "--setenv", "PATH", "/usr/bin:/bin",
    "--setenv", "HOME", "/tmp",
    "--setenv", "LANG", "C.UTF-8",
    "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
    "--setenv", "PYTHONHASHSEED", "0",
    "--setenv", "CROSSROADS_NONCE", nonce,
    "--ro-bind", "/usr", "/usr",
    // Debian 12 has a merged /usr: these are symlinks on the host too. No /etc at all.
    "--symlink", "usr/lib", "/lib",
    "--symlink", "usr/lib64", "/lib64",
    "--symlink", "usr/bin", "/bin",
    "--ro-bind", venv, INSIDE_VENV,
    "--proc", "/proc",
    "--dev", "/dev",
    // Order matters: the tmpfs first, then the bind under it.
    "--size", String(limits.tmpBytes), "--tmpfs", "/tmp",
    "--ro-bind", workDir, INSIDE_DIR,
    // bwrap's root and /dev are tmpfs without a size: make them read-only (device nodes stay usable).
    "--remount-ro", "/dev",
    "--remount-ro", "/",
    "--chdir", INSIDE_DIR,
    "--", path.posix.join(INSIDE_VENV, "bin", "python"), "-B", "-s", "-P", ...argv,
  ];
}

const SUPPORT_NAME = /^[A-Za-z_][A-Za-z0-9_]*\.py$/;

async function writeWorkDir(dir: string, request: RunRequest, uid: number): Promise<void> {
  for (const name of Object.keys(request.support)) {
    if (!SUPPORT_NAME.test(name)) throw new Error(`Invalid support module name: ${JSON.stringify(name)}`);
  }
  // Later entries win: a support module can never replace the learner's code, the checks or the harness.
  const files: Record<string, string> = {
    ...request.support,
    "checks.py": request.checks,
    "main.py": request.code,
    "harness.py": await fs.readFile(harnessPath(), "utf8"),
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await fs.writeFile(file, text, { mode: 0o400 });
    await fs.chown(file, uid, uid);
  }
  // Only the run's uid (and root) can read the directory: other host users cannot see the hidden checks.
  await fs.chown(dir, uid, uid);
  await fs.chmod(dir, 0o500);
}

interface Execution {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  overflow: boolean;
  timedOut: boolean;
  spawnError?: string;
  elapsedMs: number;
}

const STDERR_KEPT = 64 * 1024;

/** Runs argv in the sandbox, reading at most limits.outputBytes of output. Never throws for what the code does. */
async function execute(argv: string[], request: RunRequest, limits: SandboxLimits, nonce: string): Promise<Execution | "no-uid"> {
  const uid = acquireUid();
  if (uid === undefined) return "no-uid";
  const started = performance.now();
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "crossroads-run-"));
  try {
    await writeWorkDir(workDir, request, uid);
    const [command, ...args] = sandboxCommand({ workDir, uid, limits, nonce, argv });
    // detached: the wrapper chain gets its own process group, so one kill reaches all of it.
    // Nothing of the server's environment, even before bwrap's --clearenv. (Next types NODE_ENV as required.)
    const env = { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv;
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env });
    const stdout: Buffer[] = [];
    let stderr = Buffer.alloc(0);
    let bytes = 0;
    let overflow = false;
    let timedOut = false;
    const killAll = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const onData = (sink: "out" | "err") => (chunk: Buffer) => {
      if (overflow) return;
      bytes += chunk.length;
      if (bytes > limits.outputBytes) {
        overflow = true;
        killAll();
        return;
      }
      if (sink === "out") stdout.push(chunk);
      else stderr = Buffer.concat([stderr, chunk]).subarray(-STDERR_KEPT);
    };
    child.stdout.on("data", onData("out"));
    child.stderr.on("data", onData("err"));
    // Backstop, should `timeout` itself never fire (say it was stopped).
    const backstop = setTimeout(() => {
      timedOut = true;
      killAll();
    }, limits.wallSeconds * 1000 + 2000);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: string }>((resolve) => {
      child.on("close", (code, signal) => resolve({ code, signal }));
      child.on("error", (error) => resolve({ code: null, signal: null, spawnError: error.message }));
    });
    clearTimeout(backstop);
    const elapsedMs = performance.now() - started;
    return {
      ...exit,
      stdout: Buffer.concat(stdout).toString("utf8"),
      stderr: stderr.toString("utf8"),
      overflow,
      // `timeout -s KILL` kills itself with the same signal; bwrap reports a killed child as 137.
      // Either can also mean the hard CPU limit: the clock tells them apart.
      timedOut: timedOut || ((exit.signal === "SIGKILL" || exit.code === 137) && elapsedMs >= limits.wallSeconds * 1000 - 50),
      elapsedMs,
    };
  } finally {
    uidsInUse.delete(uid);
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

export const UNAVAILABLE_PREFIX = "The code sandbox is not available on this server";

function unavailableMessage(reason: string): string {
  return `${UNAVAILABLE_PREFIX} (${reason}); code is never run outside it. Please tell the course staff.`;
}

function outputMessage(limits: SandboxLimits): string {
  return `Your program printed more than ${limits.outputBytes / MB} MB of output and was stopped. Look for a print inside a loop that never ends.`;
}

function memoryMessage(limits: SandboxLimits): string {
  return `Your code tried to use more than ${limits.memoryBytes / MB} MB of memory and was stopped. Look for a list, string or number that grows without end.`;
}

function engineResult(status: RunStatus, message: string, elapsedMs: number, extra: Partial<RunResult> = {}): RunResult {
  return { status, phase: "engine", message, traceback: "", output: "", checks: [], engine: "server", durationMs: Math.round(elapsedMs), ...extra };
}

function tail(text: string, chars = 4000): string {
  return text.length > chars ? `...\n${text.slice(-chars)}` : text;
}

const STATUSES = new Set<RunStatus>(["pass", "fail", "error", "timeout", "limit", "unavailable"]);

type HarnessResult = Omit<RunResult, "engine" | "durationMs">;

function parseHarnessLine(json: string): HarnessResult | undefined {
  try {
    const value = JSON.parse(json) as HarnessResult;
    if (!value || !STATUSES.has(value.status) || !Array.isArray(value.checks)) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** A boundary that is a sandbox tool's own complaint, not anything learner code printed. */
function sandboxFailure(run: Execution): string | undefined {
  if (run.spawnError) return run.spawnError;
  const first = run.stderr.trimStart().split("\n")[0] ?? "";
  // bwrap, setpriv and prlimit report setup failures on their first stderr line and exit 1 (127/126 for exec).
  if (/^(bwrap|setpriv|prlimit|timeout): /.test(first) && [1, 125, 126, 127].includes(run.code ?? -1)) return first;
  return undefined;
}

/** Runs the harness on the learner's code in the sandbox. Never runs anything outside the sandbox. */
export async function runInSandbox(request: RunRequest, limits: SandboxLimits = defaultLimits()): Promise<RunResult> {
  const nonce = randomBytes(16).toString("hex");
  const run = await execute(["harness.py"], request, limits, nonce);
  if (run === "no-uid") return engineResult("unavailable", "The code runner is busy right now. Try again in a few seconds.", 0);
  const elapsed = run.elapsedMs;

  if (run.overflow) return engineResult("limit", outputMessage(limits), elapsed);
  if (run.timedOut) {
    return engineResult(
      "timeout",
      `Your code ran for more than ${limits.wallSeconds} seconds and was stopped. Look for a loop that never ends, or code that waits for something that never comes.`,
      elapsed,
      { output: tail(run.stdout) },
    );
  }

  const lines = run.stdout.split("\n").filter((line) => line.startsWith(nonce));
  if (lines.length > 1) {
    return engineResult(
      "error",
      "Your code started extra processes (os.fork?) that kept running the checks, so the result cannot be trusted. Exercises need a single process.",
      elapsed,
    );
  }
  const parsed = lines.length === 1 ? parseHarnessLine(lines[0].slice(nonce.length)) : undefined;
  if (parsed) {
    const result: RunResult = { ...parsed, engine: "server", durationMs: Math.round(elapsed) };
    // The harness reports its own output cap as "limit"; word it like the engine's.
    if (result.status === "limit") return { ...result, message: outputMessage(limits) };
    // MemoryError surfaces inside the harness as an ordinary exception: report it as the limit it is.
    const messages = [result.message, ...result.checks.map((check: CheckResult) => check.message)];
    if (messages.some((message) => message.startsWith("MemoryError"))) return { ...result, status: "limit", message: memoryMessage(limits) };
    return result;
  }

  const failure = sandboxFailure(run);
  if (failure) return engineResult("unavailable", unavailableMessage(failure), elapsed);
  // 152 = 128 + SIGXCPU (the soft CPU limit). 137 = SIGKILL before the wall clock ran out: the hard CPU
  // limit if enough time has passed for it (two cores at most), otherwise something else killed the process.
  const cpuKilled = run.code === 137 && elapsed >= (limits.cpuSeconds * 1000) / 2;
  if (run.code === 152 || run.signal === "SIGXCPU" || cpuKilled) {
    return engineResult(
      "timeout",
      `Your code used more than ${limits.cpuSeconds} seconds of CPU time and was stopped. Look for a loop that never ends or work that grows too fast.`,
      elapsed,
      { output: tail(run.stdout) },
    );
  }
  if (/MemoryError|Cannot allocate memory|std::bad_alloc/.test(run.stderr)) return engineResult("limit", memoryMessage(limits), elapsed);
  return engineResult(
    "error",
    `Your code stopped the Python process before the checks could report (exit code ${run.code ?? run.signal}).`,
    elapsed,
    { traceback: tail(run.stderr), output: tail(run.stdout) },
  );
}

export interface SandboxHealth {
  ok: boolean;
  reason: string;
}

const HEALTH_TTL_MS = 60_000;
let healthy: { at: number; venv: string } | undefined;

/**
 * Whether the sandbox can start here: one `print(1)` inside it. A positive answer is remembered for a
 * minute (per venv path); a negative one is not, so a fixed server recovers on the next run.
 */
export async function checkSandbox(): Promise<SandboxHealth> {
  const venv = venvPath();
  if (healthy && healthy.venv === venv && Date.now() - healthy.at < HEALTH_TTL_MS) return { ok: true, reason: "ok" };
  if (!existsSync(path.join(/*turbopackIgnore: true*/ venv, "bin", "python"))) {
    return { ok: false, reason: "the Python environment is missing; run scripts/setup-python.sh" };
  }
  const limits = { ...defaultLimits(), wallSeconds: 15 };
  let run: Awaited<ReturnType<typeof execute>>;
  try {
    run = await execute(["-c", "print(1)"], { code: "", checks: "", support: {} }, limits, "-");
  } catch (error) {
    // E.g. EPERM from chown: the server does not run as root, so it cannot drop to the sandbox's uids.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (run === "no-uid") return { ok: false, reason: "no free sandbox uid" };
  if (run.stdout.trim() === "1" && run.code === 0) {
    healthy = { at: Date.now(), venv };
    return { ok: true, reason: "ok" };
  }
  const why = run.spawnError?.includes("ENOENT")
    ? "a sandbox tool is missing; run scripts/setup-sandbox.sh"
    : (run.stderr.trim().split("\n")[0] || `exit code ${run.code ?? run.signal}`);
  return { ok: false, reason: why };
}

export { unavailableMessage };
