import "server-only";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunRequest, RunResult } from "@/lib/runner/types";

// One harness run inside bubblewrap. Layers, outermost first:
//   timeout -s KILL  wall clock
//   prlimit          CPU seconds, address space, file size, processes, open files
//   setpriv          drop to uid/gid 65534 (RLIMIT_NPROC is not enforced for root)
//   bwrap            no network, a private /tmp, only the interpreter's files, a cleared environment
// Output is capped in Node. See docs/decisions/0005-sandbox.md.

export interface SandboxLimits {
  wallSeconds: number;
  cpuSeconds: number;
  memoryBytes: number;
  outputBytes: number;
  fileBytes: number;
  processes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  wallSeconds: Number(process.env.RUNNER_WALL_SECONDS ?? 10),
  cpuSeconds: 8,
  memoryBytes: 512 * 1024 * 1024,
  outputBytes: 1024 * 1024,
  fileBytes: 8 * 1024 * 1024,
  processes: 32,
};

const UNPRIVILEGED = "65534";
// turbopackIgnore: these are run-time paths on the server, not modules to bundle or trace.
const HARNESS = path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "python", "harness.py");

export function venvPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RUNNER_VENV ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".runner", "venv"));
}

function sandboxCommand(workDir: string, limits: SandboxLimits, nonce: string): string[] {
  const venv = venvPath();
  return [
    "timeout", "-s", "KILL", String(limits.wallSeconds),
    "prlimit",
    `--cpu=${limits.cpuSeconds}`,
    `--as=${limits.memoryBytes}`,
    `--fsize=${limits.fileBytes}`,
    `--nproc=${limits.processes}`,
    "--nofile=64",
    "--",
    "setpriv", `--reuid=${UNPRIVILEGED}`, `--regid=${UNPRIVILEGED}`, "--clear-groups", "--inh-caps=-all",
    "bwrap",
    "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
    "--setenv", "PATH", "/usr/bin:/bin",
    "--setenv", "HOME", "/tmp",
    "--setenv", "LANG", "C.UTF-8",
    "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
    "--setenv", "PYTHONHASHSEED", "0",
    "--setenv", "PYTHONUNBUFFERED", "1",
    "--setenv", "CROSSROADS_NONCE", nonce,
    "--ro-bind", "/usr", "/usr",
    "--symlink", "usr/lib", "/lib",
    "--symlink", "usr/lib64", "/lib64",
    "--symlink", "usr/bin", "/bin",
    "--ro-bind", venv, venv,
    "--proc", "/proc",
    "--dev", "/dev",
    "--tmpfs", "/tmp",
    "--ro-bind", workDir, "/exercise",
    "--chdir", "/exercise",
    "--", path.join(venv, "bin", "python"), "-I", "-B", "harness.py",
  ];
}

function engineResult(status: RunResult["status"], message: string, started: number, output = ""): RunResult {
  return { status, phase: "engine", message, traceback: "", output, checks: [], engine: "server", durationMs: Date.now() - started };
}

async function writeWorkDir(request: RunRequest): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "crossroads-run-"));
  const files: Record<string, string> = { ...request.support, "checks.py": request.checks, "main.py": request.code };
  await Promise.all(Object.entries(files).map(([name, text]) => fs.writeFile(path.join(dir, path.basename(name)), text, { mode: 0o644 })));
  await fs.copyFile(HARNESS, path.join(dir, "harness.py"));
  await fs.chmod(dir, 0o755);
  return dir;
}

const MEMORY_MESSAGE = "Your code tried to use more memory than the sandbox allows (512 MB) and was stopped. Look for a list or string that grows without end.";

/** Memory errors surface inside the harness as exceptions; report them as a limit, clearly. */
function flagMemory(result: RunResult): RunResult {
  const texts = [result.message, ...result.checks.map((check) => check.message)];
  if (texts.some((text) => text.startsWith("MemoryError"))) return { ...result, status: "limit", message: MEMORY_MESSAGE };
  return result;
}

/** Runs the harness on the learner's code in the sandbox. Never throws for anything the code does. */
export async function runInSandbox(request: RunRequest, limits: SandboxLimits = DEFAULT_LIMITS): Promise<RunResult> {
  const started = Date.now();
  const nonce = randomUUID().replace(/-/g, "");
  const workDir = await writeWorkDir(request);
  try {
    const [command, ...args] = sandboxCommand(workDir, limits, nonce);
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    let bytes = 0;
    let overflow = false;
    const killAll = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const onData = (sink: "out" | "err") => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.outputBytes) {
        overflow = true;
        killAll();
        return;
      }
      if (sink === "out") stdout += chunk.toString("utf8");
      else stderr += chunk.toString("utf8");
    };
    child.stdout.on("data", onData("out"));
    child.stderr.on("data", onData("err"));
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on("close", (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
      child.on("error", () => resolve({ code: -1, signal: null }));
    });
    const elapsed = Date.now() - started;

    if (overflow) {
      return engineResult("limit", `Your program printed more than ${Math.round(limits.outputBytes / 1024)} KB of output and was stopped. Look for a print inside a loop that never ends.`, started);
    }
    const line = stdout.split("\n").find((l) => l.startsWith(nonce));
    if (line) {
      const result = JSON.parse(line.slice(nonce.length)) as Omit<RunResult, "engine" | "durationMs">;
      return flagMemory({ ...result, engine: "server", durationMs: elapsed });
    }
    if (code === -1) return engineResult("unavailable", "The code sandbox could not start on this server; code is never run outside it. Please tell the course staff.", started);
    if (elapsed >= limits.wallSeconds * 1000 - 100 || code === 124 || code === 137) {
      return engineResult("timeout", `Your code ran for more than ${limits.wallSeconds} seconds and was stopped. Look for a loop that never ends, or work that waits forever.`, started, stdout.slice(0, 4000));
    }
    if (code === 152 || signal === "SIGXCPU" || /CPU time limit/i.test(stderr)) {
      return engineResult("timeout", `Your code used more than ${limits.cpuSeconds} seconds of CPU time and was stopped. Look for a loop that never ends.`, started, stdout.slice(0, 4000));
    }
    if (/MemoryError|Cannot allocate memory|bad_alloc/.test(stderr)) return engineResult("limit", MEMORY_MESSAGE, started);
    if (/bwrap:|setpriv:|prlimit:/.test(stderr)) {
      return engineResult("unavailable", `The code sandbox could not start on this server (${stderr.trim().split("\n")[0]}); code is never run outside it.`, started);
    }
    return engineResult("error", "Your code stopped the Python process before the checks could report.", started, (stdout + stderr).slice(-4000));
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

let healthy: { at: number; ok: boolean; reason: string } | undefined;

/** Whether the sandbox can start here (a tiny run, remembered for a minute). */
export async function checkSandbox(): Promise<{ ok: boolean; reason: string }> {
  if (healthy && Date.now() - healthy.at < 60_000) return healthy;
  const result = await runInSandbox({ code: "", checks: "def check_ok():\n    pass\n", support: {} }, { ...DEFAULT_LIMITS, wallSeconds: 15 });
  healthy = { at: Date.now(), ok: result.status === "pass", reason: result.status === "pass" ? "ok" : result.message };
  return healthy;
}
