import "server-only";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { config } from "@/lib/config";
import { decodeHints } from "@/lib/records";
import { createRunCgroup, sweepRunCgroups, type RunCgroup } from "@/lib/runner/cgroups";
import { PROBE_FILE, parseProbeOutput } from "@/lib/runner/probe";
import { seccompProgram } from "@/lib/runner/seccomp";
import {
  closeSocketFolders,
  makeOwnedFolder,
  makeRunFolder,
  mountSocketDir,
  SOCKETS_NAME,
  sweepRunFolders,
  takeSocketFolder,
  unmountSocketDir,
  type SocketFolder,
} from "@/lib/runner/socket-folders";
import { parseLearnerReport, runOrder, testsVerdict, WORKING_APP, type AppRun } from "@/lib/runner/tests-verdict";
import type { CheckResult, RunRequest, RunResult, RunStatus, TestsRequest } from "@/lib/runner/types";
import { WarmPool, type WarmItem } from "@/lib/runner/warm-pool";

// One graded run is two sandboxes (docs/decisions/0005-sandbox.md):
//   the app sandbox   runs the learner's main.py and serves it over HTTP on a Unix socket; its
//                     stdout and stderr are the learner's output and are never read as a verdict.
//   the check sandbox holds checks.py and the check runner, sends HTTP requests to that socket and
//                     alone prints the result, on a stdout only this server reads.
// Each is, outermost first:
//   sh               joins the run's cgroup (memory, processes, CPU share for the whole run)
//   prlimit          CPU seconds, address space, file size, processes, open files (per process)
//   setpriv          drops to a uid of our own pool, a different one for each sandbox, and ties bwrap's
//                    life to this server's (--pdeathsig)
//   bwrap            no network, only the interpreter's files read-only, a private /tmp, a cleared
//                    environment, its own pid namespace, a seccomp filter
// The two share one directory for the socket, writable by the app's uid only: a new folder on a tiny tmpfs
// (kept mounted between runs: lib/runner/socket-folders.ts).

export interface SandboxLimits {
  wallSeconds: number;
  /** SIGXCPU at this many seconds of CPU, SIGKILL one second later (per process). */
  cpuSeconds: number;
  /** RLIMIT_AS per process. */
  memoryBytes: number;
  /** All processes of the run together (cgroup), where cgroups are available. */
  runMemoryBytes: number;
  /** stdout + stderr of the learner's app read by Node; beyond it the run is stopped. */
  outputBytes: number;
  /** RLIMIT_FSIZE: the largest file learner code may write. */
  fileBytes: number;
  /** Size of each sandbox's private /tmp tmpfs. */
  tmpBytes: number;
  /** RLIMIT_NPROC per sandbox uid, and (doubled) the run's cgroup pids.max. */
  processes: number;
  openFiles: number;
}

const MB = 1024 * 1024;

export function defaultLimits(): SandboxLimits {
  const memoryMb = config.RUNNER_MEMORY_MB;
  return {
    wallSeconds: config.RUNNER_WALL_SECONDS,
    cpuSeconds: config.RUNNER_CPU_SECONDS,
    memoryBytes: memoryMb * MB,
    runMemoryBytes: memoryMb * MB,
    outputBytes: MB,
    fileBytes: 8 * MB,
    tmpBytes: 16 * MB,
    processes: 32,
    openFiles: 64,
  };
}

/**
 * The venv the sandboxes run, with symlinks resolved: the sandbox uids must be able to reach it,
 * and scripts/setup-python.sh keeps it outside the project for that reason (a clone under a 700
 * home directory is not reachable by them). RUNNER_VENV overrides it.
 */
export function venvPath(): string {
  // turbopackIgnore: run-time paths on the server, not files for the bundler to trace.
  const configured = path.resolve(/*turbopackIgnore: true*/ process.cwd(), config.RUNNER_VENV);
  try {
    return realpathSync(configured);
  } catch {
    return configured;
  }
}

function pythonDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "python");
}

// Uids no account on the host owns (override with RUNNER_UID_BASE). RLIMIT_NPROC counts every process
// of a uid host-wide, zombies included, so each sandbox gets its own uid, handed out round-robin (a uid
// comes back only after 255 other sandboxes). Several Node processes on one host (test workers, a
// second server) share the pool through a lock file per uid, owned by a live pid.
export const UID_BASE = config.RUNNER_UID_BASE;
export const UID_COUNT = 256;
const UID_LOCKS = "/run/crossroads/uids";
const uidsInUse = new Set<number>();
let nextUid = 0;
let locksUsable: boolean | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether any process (zombies included) runs as uid. Read only when taking over a dead server's lock. */
function uidHasProcesses(uid: number): boolean {
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (new RegExp(`^Uid:\\s+${uid}\\s`, "m").test(readFileSync(`/proc/${pid}/status`, "utf8"))) return true;
    } catch {
      // Ended while we looked.
    }
  }
  return false;
}

/** Takes uid's host-wide lock; false when a live process holds it. */
function lockUid(uid: number): boolean {
  locksUsable ??= (() => {
    try {
      mkdirSync(UID_LOCKS, { recursive: true, mode: 0o700 });
      return true;
    } catch {
      return false;
    }
  })();
  if (!locksUsable) return true;
  const file = path.join(UID_LOCKS, String(uid));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return true;
      const owner = Number(readFileSync(file, "utf8").trim() || "0");
      if (owner && alive(owner)) return false;
      // Its owner died; its sandboxes die with it, but one may still be exiting (and counts against RLIMIT_NPROC).
      if (uidHasProcesses(uid)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

function acquireUid(): number | undefined {
  for (let i = 0; i < UID_COUNT; i++) {
    const uid = UID_BASE + ((nextUid + i) % UID_COUNT);
    if (!uidsInUse.has(uid) && lockUid(uid)) {
      uidsInUse.add(uid);
      nextUid = (nextUid + i + 1) % UID_COUNT;
      return uid;
    }
  }
  return undefined;
}

function releaseUid(uid: number) {
  uidsInUse.delete(uid);
  if (locksUsable) rmSync(path.join(UID_LOCKS, String(uid)), { force: true });
}

const INSIDE_VENV = "/opt/venv";
const INSIDE_WORK = "/tmp/work";
const INSIDE_SOCKETS = "/sockets";
const SOCKET = `${INSIDE_SOCKETS}/app.sock`;

let seccomp: Buffer | null | undefined;

/** The seccomp program for this CPU (null where there is none); bwrap reads it from fd 3, a pipe. */
function seccompFilter(): Buffer | null {
  if (seccomp === undefined) seccomp = seccompProgram() ?? null;
  return seccomp;
}

export function seccompAvailable(): boolean {
  return seccompFilter() !== null;
}

interface Mount {
  host: string;
  inside: string;
  writable?: boolean;
}

/** The command that starts one sandbox (exported for tests/integration/sandbox.test.ts). */
export function sandboxCommand(opts: {
  uid: number;
  limits: SandboxLimits;
  mounts: Mount[];
  argv: string[];
  joinFiles: string[];
  seccomp: boolean;
}): string[] {
  const { uid, limits, mounts, argv, joinFiles, seccomp } = opts;
  // Join the run's cgroup(s) first, so everything below, learner code included, is counted there.
  const join = joinFiles.length
    ? ["/bin/sh", "-c", 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 97; shift; done; shift; exec "$@"', "sh", ...joinFiles, "--"]
    : [];
  // All one process, exec after exec, whose parent is this server: the wall clock is Node's (start()).
  return [
    ...join,
    "prlimit",
    // Soft limit first: Python dies of SIGXCPU (exit 152), so the message can name the CPU limit.
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--as=${limits.memoryBytes}`,
    `--fsize=${limits.fileBytes}`,
    `--nproc=${limits.processes}`,
    `--nofile=${limits.openFiles}`,
    "--",
    "setpriv",
    `--reuid=${uid}`,
    `--regid=${uid}`,
    "--clear-groups",
    "--inh-caps=-all",
    // Tied to this server from here on: if it dies (even by SIGKILL), bwrap gets SIGKILL, and once bwrap has
    // started the sandbox, its own --die-with-parent takes that down. setpriv sets the signal after changing
    // the uid, which would clear it; exec keeps it (bwrap is not setuid).
    "--pdeathsig",
    "KILL",
    "bwrap",
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
    "--setenv",
    "PATH",
    "/usr/bin:/bin",
    "--setenv",
    "HOME",
    "/tmp",
    "--setenv",
    "LANG",
    "C.UTF-8",
    "--setenv",
    "PYTHONDONTWRITEBYTECODE",
    "1",
    "--setenv",
    "PYTHONUNBUFFERED",
    "1",
    // Pydantic looks for plugins in every installed package's entry points (about 1.7 ms of CPU per run);
    // the venv has none, and learner code installs none.
    "--setenv",
    "PYDANTIC_DISABLE_PLUGINS",
    "__all__",
    // setuptools' distutils-precedence.pth in the venv imports its distutils shim at every start unless
    // this says the standard library's distutils is wanted (Python 3.11 still has one).
    "--setenv",
    "SETUPTOOLS_USE_DISTUTILS",
    "stdlib",
    "--ro-bind",
    "/usr",
    "/usr",
    // Debian 12 has a merged /usr: these are symlinks on the host too. No /etc at all.
    "--symlink",
    "usr/lib",
    "/lib",
    "--symlink",
    "usr/lib64",
    "/lib64",
    "--symlink",
    "usr/bin",
    "/bin",
    "--ro-bind",
    venvPath(),
    INSIDE_VENV,
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    // Order matters: the tmpfs first, then the binds under it.
    "--size",
    String(limits.tmpBytes),
    "--tmpfs",
    "/tmp",
    ...mounts.flatMap((m) => [m.writable ? "--bind" : "--ro-bind", m.host, m.inside]),
    // bwrap's root and /dev are tmpfs without a size: make them read-only (device nodes stay usable).
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/",
    ...(seccomp ? ["--seccomp", "3"] : []),
    "--chdir",
    INSIDE_WORK,
    "--",
    path.posix.join(INSIDE_VENV, "bin", "python"),
    "-B",
    "-s",
    "-P",
    ...argv,
  ];
}

interface Execution {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last STDERR_KEPT bytes of stderr. */
  stderr: string;
  /** Its first bytes, kept apart: whether our start markers came first cannot be rewritten by later output. */
  stderrHead: string;
  overflow: boolean;
  spawnError?: string;
  elapsedMs: number;
}

const STDERR_KEPT = 64 * 1024;
const HEAD_KEPT = 256;

/** run without our marker in front of its stderr, and whether the marker came first (read from the head). */
function stripMarker(run: Execution, marker: string): { started: boolean; run: Execution } {
  const started = run.stderrHead.startsWith(marker);
  // Still in front unless the learner's output pushed it out of the kept tail.
  const stderr = started && run.stderr.startsWith(marker) ? run.stderr.slice(marker.length) : run.stderr;
  return { started, run: { ...run, stderr } };
}

interface Started {
  done: Promise<Execution>;
  kill(): void;
  /**
   * For a process started ahead of its run: writes "go" on its stdin (its files are in place) and starts the
   * run's clock: elapsedMs counts from here, and the process is killed limits.wallSeconds later.
   */
  go(): void;
  /** With a readyMarker: true once the process has written it on stderr, false if it ended first. */
  ready: Promise<boolean>;
}

/**
 * Starts one sandboxed process. Never throws for what the code inside does. With idleSeconds the process is
 * started ahead of its run and waits for go(), for that long at most (it is killed then).
 */
function start(command: string[], limits: SandboxLimits, outputBytes: number, idleSeconds?: number, readyMarker?: string): Started {
  const waitForGo = idleSeconds !== undefined;
  let started = performance.now();
  const filter = command.includes("--seccomp") ? seccompFilter() : null;
  const [bin, ...args] = command;
  // detached: the wrapper chain gets its own process group, so one kill reaches all of it.
  // Nothing of the server's environment, even before bwrap's --clearenv. (Next types NODE_ENV as required.)
  const env = { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv;
  const child = spawn(bin, args, {
    stdio: [waitForGo ? "pipe" : "ignore", "pipe", "pipe", ...(filter ? (["pipe"] as const) : [])],
    detached: true,
    env,
  });
  child.stdin?.on("error", () => undefined); // a sandbox that ended before go
  if (filter) {
    const pipe = child.stdio[3] as NodeJS.WritableStream;
    pipe.on("error", () => undefined); // the chain may fail before bwrap reads it: reported as a sandbox failure
    pipe.end(filter);
  }
  const stdout: Buffer[] = [];
  let stderr = Buffer.alloc(0);
  let head = Buffer.alloc(0);
  let bytes = 0;
  let overflow = false;
  // Never once it has exited: its process group's number may belong to someone else by then.
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const kill = () => {
    if (child.pid === undefined || ended()) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  let markReady: (ready: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));
  const onData = (sink: "out" | "err") => (chunk: Buffer) => {
    if (overflow) return;
    bytes += chunk.length;
    if (bytes > outputBytes) {
      overflow = true;
      kill();
      return;
    }
    if (sink === "out") stdout.push(chunk);
    else {
      if (head.length < HEAD_KEPT) head = Buffer.concat([head, chunk.subarray(0, HEAD_KEPT - head.length)]);
      stderr = Buffer.concat([stderr, chunk]).subarray(-STDERR_KEPT);
    }
    if (readyMarker && sink === "err" && stderr.includes(readyMarker)) markReady(true);
  };
  child.stdout!.on("data", onData("out"));
  child.stderr!.on("data", onData("err"));
  // The wall clock: the whole chain is killed when it runs out. A process waiting for go waits idleSeconds at most.
  let clock = setTimeout(kill, (idleSeconds ?? limits.wallSeconds) * 1000);
  let going = !waitForGo;
  const done = new Promise<Execution>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      clearTimeout(clock);
      markReady(false);
      resolve({
        code,
        signal,
        spawnError,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: stderr.toString("utf8"),
        stderrHead: head.toString("utf8"),
        overflow,
        elapsedMs: performance.now() - started,
      });
    };
    child.on("close", (code, signal) => finish(code, signal));
    child.on("error", (error) => finish(null, null, error.message));
  });
  const go = () => {
    if (going || ended()) return;
    going = true;
    started = performance.now();
    clearTimeout(clock);
    clock = setTimeout(kill, limits.wallSeconds * 1000);
    child.stdin?.end("go\n");
  };
  return { done, kill, go, ready };
}

const execFileAsync = promisify(execFile);

/**
 * Stops a sandbox (the learner's app once the checks are done). Killing only what runs inside sandboxes lets
 * the wrappers reap it and exit in order; killing the whole chain at once would leave the sandbox's
 * processes as zombies for init to collect (slowly, on some hosts), and zombies count against the uid.
 */
async function stopSandbox(app: Started, cgroup: RunCgroup | undefined): Promise<void> {
  if (cgroup) {
    await cgroup.killSandboxed();
    const exited = await Promise.race([app.done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1000))]);
    if (exited) return;
  }
  app.kill();
}

/** Whether path is a socket, without following a link the learner's code may have planted there. */
function isSocket(file: string): boolean {
  try {
    return lstatSync(file).isSocket();
  } catch {
    return false;
  }
}

const SUPPORT_NAME = /^[A-Za-z_][A-Za-z0-9_]*\.py$/;
const APP_FILES = ["crossroads_app.py", "app_server.py"];
const CHECK_FILES = ["crossroads_checks.py", "crossroads_hints.py", "run_checks.py"];
/** Put in the checks' folder when the app ended without listening (run_checks.py stops waiting for it). */
const APP_ENDED = "app-ended";
/** Where the checks read the learner's code as text (crossroads_checks.SUBMITTED_SOURCE). */
const SUBMITTED_SOURCE = "submitted_main.txt";

// The run's own folders and files are made, written and removed synchronously: a run has about fifty such
// calls, each returns in microseconds (no fsync), and through the thread pool each cost a hand-off to a worker
// thread and back: about 4 ms of this process's CPU per run (docs/benchmarks.md).
function writeFiles(dir: string, files: Record<string, string | Buffer>, uid: number): void {
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, text, { mode: 0o400 });
    chownSync(file, uid, uid);
  }
  // Only the sandbox's own uid (and root) can read the directory.
  chownSync(dir, uid, uid);
  chmodSync(dir, 0o500);
}

// The runner's own Python files: read once per process, not on every run.
const pythonSources = new Map<string, Promise<string>>();

async function readPythonFiles(names: string[]): Promise<Record<string, string>> {
  const read = (name: string) => {
    if (!pythonSources.has(name)) pythonSources.set(name, fs.readFile(path.join(pythonDir(), name), "utf8"));
    return pythonSources.get(name)!;
  };
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
}

type Bytecode = { tag: string; files: Record<string, Buffer> };

/**
 * The runner's own files of a pair (APP_FILES and CHECK_FILES) as bytecode, compiled once per process and
 * venv by the venv's Python from the very text readPythonFiles hands out. The sandboxes then compile none
 * of their own code (about 3,000 lines; the checks' modules came this way before, and the programs and
 * crossroads_app save another 2 to 5 ms of CPU per run). A module's file is a checked-hash .pyc (PEP 552):
 * the sandbox's Python uses it only when the hash of the source beside it matches, and compiles the source
 * otherwise. A program's file is run as the program itself (`python app_server.pyc`), which Python does
 * without looking at any source, hence compiled from the same text as the source written beside it, and by
 * the same interpreter (a new venv, from scripts/setup-python.sh, gets its own).
 */
const runnerBytecode = new Map<string, Promise<Bytecode | undefined>>();

const COMPILE_SCRIPT = `
import base64, json, os, py_compile, sys, tempfile
sources = json.load(sys.stdin.buffer)
out = {}
with tempfile.TemporaryDirectory() as tmp:
    for name, text in sources.items():
        source, target = os.path.join(tmp, name), os.path.join(tmp, "module.pyc")
        with open(source, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        py_compile.compile(source, cfile=target, dfile=os.path.join(sys.argv[1], name), doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        with open(target, "rb") as handle:
            out[name] = base64.b64encode(handle.read()).decode("ascii")
print(json.dumps({"tag": sys.implementation.cache_tag, "files": out}))
`;

async function compileRunnerFiles(venv: string): Promise<Bytecode | undefined> {
  try {
    const sources = await readPythonFiles([...APP_FILES, ...CHECK_FILES]);
    // -I: no PYTHON* variable of the server's environment applies.
    const compiling = execFileAsync(path.join(venv, "bin", "python"), ["-I", "-B", "-c", COMPILE_SCRIPT, INSIDE_WORK], {
      timeout: 30_000,
      maxBuffer: 16 * MB,
    });
    compiling.child.stdin?.on("error", () => undefined); // a Python that ends before reading: the promise says so
    compiling.child.stdin?.end(JSON.stringify(sources));
    const parsed = JSON.parse((await compiling).stdout) as { tag: string; files: Record<string, string> };
    if (!/^[a-z]+-\d+$/.test(parsed.tag)) throw new Error(`unexpected cache tag ${JSON.stringify(parsed.tag)}`);
    return {
      tag: parsed.tag,
      files: Object.fromEntries(Object.entries(parsed.files).map(([name, data]) => [name, Buffer.from(data, "base64")])),
    };
  } catch (error) {
    // The sandboxes compile the sources themselves, as before.
    console.error(`The runner's Python files could not be compiled ahead: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The runner's bytecode for the venv runs use now, compiled on its first use. */
function currentBytecode(): Promise<Bytecode | undefined> {
  const venv = venvPath();
  if (!runnerBytecode.has(venv)) runnerBytecode.set(venv, compileRunnerFiles(venv));
  return runnerBytecode.get(venv)!;
}

/**
 * Writes one sandbox's runner files (names, main its program) into its folder, with their bytecode when it
 * could be compiled: the program's as `${main}c` beside the sources, the modules' in __pycache__. Returns the
 * file its Python runs.
 */
async function writeRunnerFiles(dir: string, uid: number, names: string[], main: string, compiled: Bytecode | undefined): Promise<string> {
  const sources = await readPythonFiles(names);
  if (!compiled) {
    writeFiles(dir, sources, uid);
    return main;
  }
  const program = `${main}c`;
  writeFiles(dir, { ...sources, [program]: compiled.files[main] }, uid);
  const modules = names.filter((name) => name !== main);
  const cache = Object.fromEntries(modules.map((name) => [`${name.replace(/\.py$/, "")}.${compiled.tag}.pyc`, compiled.files[name]]));
  writeFiles(path.join(dir, "__pycache__"), cache, uid);
  return program;
}

const UNAVAILABLE_PREFIX = "The code sandbox is not available on this server";

function unavailableMessage(reason: string): string {
  return `${UNAVAILABLE_PREFIX} (${reason}); code is never run outside it. Please tell the course staff.`;
}

function outputMessage(limits: SandboxLimits): string {
  return `Your program printed more than ${limits.outputBytes / MB} MB of output and was stopped. Look for a print inside a loop that never ends.`;
}

function memoryMessage(limits: SandboxLimits): string {
  return `Your code tried to use more than ${limits.runMemoryBytes / MB} MB of memory and was stopped. Look for a list, string or number that grows without end.`;
}

function processMessage(limits: SandboxLimits): string {
  return `Your code could not start another thread or process (a run may have ${limits.processes}, within ${limits.memoryBytes / MB} MB each) and was stopped. Exercises need one process; look for a loop that starts threads.`;
}

function engineResult(status: RunStatus, message: string, elapsedMs: number, extra: Partial<RunResult> = {}): RunResult {
  return {
    status,
    phase: "engine",
    message,
    traceback: "",
    output: "",
    checks: [],
    engine: "server",
    durationMs: Math.round(elapsedMs),
    ...extra,
  };
}

function tail(text: string, chars = 4000): string {
  return text.length > chars ? `...\n${text.slice(-chars)}` : text;
}

const STATUSES = new Set<RunStatus>(["pass", "fail", "error"]);
const CHECK_STATUSES = new Set(["pass", "fail", "error"]);

type CheckerResult = Omit<RunResult, "engine" | "durationMs">;

/** The check runner's one JSON line, validated field by field. */
function parseCheckerOutput(stdout: string): CheckerResult | undefined {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    const value = JSON.parse(line) as CheckerResult;
    if (!value || !STATUSES.has(value.status) || !Array.isArray(value.checks)) return undefined;
    if (!value.checks.every((c: CheckResult) => c && CHECK_STATUSES.has(c.status) && typeof c.title === "string")) return undefined;
    // A pass needs at least one check, all passed: recomputed here rather than trusted.
    const passed = value.checks.length > 0 && value.checks.every((c) => c.status === "pass");
    // Hints (crossroads_hints.py) are extra help, decoded like stored ones (lib/records.ts).
    const hints = decodeHints(value.hints);
    return { ...value, hints, status: passed ? "pass" : value.status === "pass" ? "fail" : value.status };
  } catch {
    return undefined;
  }
}

/** A boundary that is a sandbox tool's own complaint, not anything learner code printed. */
function sandboxFailure(run: Execution): string | undefined {
  if (run.spawnError) return run.spawnError;
  if (run.code === 97) return "the run could not join its cgroup";
  const first = run.stderr.trimStart().split("\n")[0] ?? "";
  // bwrap, setpriv and prlimit report setup failures on their first stderr line and exit 1 (127/126 for exec).
  if (/^(bwrap|setpriv|prlimit|sh): /.test(first) && [1, 2, 126, 127].includes(run.code ?? -1)) return first;
  return undefined;
}

/**
 * The soft CPU limit sends SIGXCPU, which ends Python with 152. (Code that traps SIGXCPU meets the hard
 * limit's SIGKILL a second later; an exit of 137 cannot be told from other kills, so it is not read as CPU.)
 */
function killedByCpu(run: Execution): boolean {
  return run.code === 152 || run.signal === "SIGXCPU";
}

/** Written by app_server.py before any learner code runs (see there). */
const STARTED_MARKER = "crossroads:started\n";
/** Written by app_server.py once it has imported the framework and waits for go. */
const READY_MARKER = "crossroads:ready\n";

function learnerOutput(run: Execution): string {
  return tail([run.stdout, run.stderr].filter((text) => text.trim()).join("\n"));
}

let swept = false;

/**
 * Once per process: removes what runs of a server that died mid-run left behind (their folder, with the
 * sockets tmpfs still mounted on it, and their cgroups). Runs of live processes are left alone.
 */
function sweepLeftovers() {
  if (swept) return;
  swept = true;
  sweepRunFolders(alive);
  void sweepRunCgroups(alive);
}

/** What one pair of sandboxes did: the app served on the socket, the client talked to it. */
interface PairRun {
  appRun: Execution;
  /** The app was still running when the client finished (so it was stopped by us, not by itself). */
  appStillRunning: boolean;
  client: Execution;
  elapsed: number;
  memoryExceeded: boolean;
}

/**
 * Two sandboxes sharing one socket directory, in one run cgroup, started before the run's files exist:
 * the app sandbox (app_server.py, which imports the framework and then waits) and the check sandbox
 * (run_checks.py, waiting too). The run writes its files into their folders and says go
 * (docs/decisions/0019-warm-sandboxes.md). Used for exactly one run, then disposed of.
 */
interface PreparedPair extends WarmItem {
  app: Started;
  client: Started;
  appDir: string;
  clientDir: string;
  socketDir: string;
  appUid: number;
  clientUid: number;
  cgroup: RunCgroup | undefined;
  /** Kills both sandboxes at once (process exit); dispose() also cleans up after them. */
  killNow(): void;
}

/** How long a pooled pair may wait for its run: the pool replaces it after this (start() kills one still waiting 5 s later). */
const WARM_IDLE_SECONDS = 120;
/** What a pair prepared for one run at once may spend between its start and go (writing the run's files). */
const COLD_IDLE_SECONDS = 30;

/** Pairs started and not yet disposed of: killed if this process exits. */
const livePairs = new Set<PreparedPair>();
let exitHookInstalled = false;

async function preparePair(framework: WarmFramework, limits: SandboxLimits, idleSeconds: number): Promise<PreparedPair | undefined> {
  const appUid = acquireUid();
  const clientUid = appUid === undefined ? undefined : acquireUid();
  if (appUid === undefined || clientUid === undefined) {
    if (appUid !== undefined) releaseUid(appUid);
    return undefined;
  }
  let root: string | undefined;
  let sockets: SocketFolder | undefined;
  let cgroup: RunCgroup | undefined;
  const started: Started[] = [];
  const cleanUp = async () => {
    try {
      await cgroup?.destroy().catch(() => undefined);
      await sockets?.release();
      if (root) rmSync(root, { recursive: true, force: true }); // only our files: the sandboxes see it read-only
    } finally {
      releaseUid(appUid);
      releaseUid(clientUid);
    }
  };
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => livePairs.forEach((pair) => pair.killNow()));
  }
  try {
    sweepLeftovers();
    root = await makeRunFolder();
    const appDir = path.join(root, "app");
    const clientDir = path.join(root, "checks");
    const compiled = await currentBytecode(); // once for both sandboxes
    const appProgram = await writeRunnerFiles(appDir, appUid, APP_FILES, "app_server.py", compiled);
    const checksProgram = await writeRunnerFiles(clientDir, clientUid, CHECK_FILES, "run_checks.py", compiled);
    sockets = await takeSocketFolder(appUid);
    const socketDir = sockets.path;
    cgroup = await createRunCgroup(`run-${process.pid}-${randomBytes(6).toString("hex")}`, {
      memoryBytes: limits.runMemoryBytes,
      processes: limits.processes * 2,
      cpuWeight: 100,
    }).catch(() => undefined);
    const joinFiles = cgroup?.procFiles ?? [];
    const seccomp = seccompAvailable();
    const app = start(
      sandboxCommand({
        uid: appUid,
        limits,
        joinFiles,
        seccomp,
        mounts: [
          { host: appDir, inside: INSIDE_WORK },
          { host: socketDir, inside: INSIDE_SOCKETS, writable: true },
        ],
        argv: [appProgram, SOCKET, framework],
      }),
      limits,
      limits.outputBytes,
      idleSeconds,
      READY_MARKER,
    );
    started.push(app);
    const client = start(
      sandboxCommand({
        uid: clientUid,
        limits,
        joinFiles,
        seccomp,
        mounts: [
          { host: clientDir, inside: INSIDE_WORK },
          { host: socketDir, inside: INSIDE_SOCKETS },
        ],
        argv: [checksProgram, SOCKET, String(Math.max(1, limits.wallSeconds - 1)), "--wait-for-go"],
      }),
      limits,
      4 * MB,
      idleSeconds,
    );
    started.push(client);
    const spawnedAt = performance.now();
    let running = 2;
    void app.done.then(() => running--);
    void client.done.then(() => running--);
    let disposed: Promise<void> | undefined;
    const pair: PreparedPair = {
      app,
      client,
      appDir,
      clientDir,
      socketDir,
      appUid,
      clientUid,
      cgroup,
      // Within its idle time of being started, less 5 s to write the run's files and say go.
      alive: () => running === 2 && !disposed && performance.now() - spawnedAt < (idleSeconds - 5) * 1000,
      killNow: () => {
        app.kill();
        client.kill();
      },
      dispose: () =>
        (disposed ??= (async () => {
          if (running > 0) {
            await Promise.all([stopSandbox(app, cgroup), stopSandbox(client, cgroup)]);
            await Promise.all([app.done, client.done]);
          }
          // Out of the exit hook's reach only once its processes are gone.
          livePairs.delete(pair);
          await cleanUp();
        })()),
    };
    livePairs.add(pair);
    return pair;
  } catch (error) {
    for (const sandbox of started) sandbox.kill();
    await Promise.all(started.map((sandbox) => sandbox.done));
    await cleanUp();
    throw error;
  }
}

export type WarmFramework = "flask" | "fastapi" | "django" | "none";

/** The framework main.py (or a support module it uses) imports, so a sandbox can import it ahead of the run. */
export function warmFramework(request: Pick<RunRequest, "code" | "support">): WarmFramework {
  for (const text of [request.code, ...Object.values(request.support)]) {
    const found = /^\s*(?:from|import)\s+(fastapi|flask|django)\b/m.exec(text)?.[1];
    if (found) return found as WarmFramework;
  }
  return "none";
}

let pool: WarmPool<PreparedPair> | undefined;

/** RUNNER_WARM_POOL pairs per framework, kept ready for runs with the default limits. */
function warmPairs(): WarmPool<PreparedPair> {
  return (pool ??= new WarmPool<PreparedPair>({
    size: config.RUNNER_WARM_POOL,
    maxIdleMs: WARM_IDLE_SECONDS * 1000,
    // Ready once the framework is imported, so a run waiting for this pair waits for no more than that.
    // A pair that fails to get there is dropped: the run starts its own, which reports why.
    create: async (framework) => {
      try {
        const pair = await preparePair(framework as WarmFramework, defaultLimits(), WARM_IDLE_SECONDS + 5);
        if (pair && !(await pair.app.ready)) {
          await pair.dispose();
          return undefined;
        }
        return pair;
      } catch (error) {
        console.error(`A warm sandbox could not be started: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
  }));
}

/** Starts the warm pairs of every framework now rather than at each one's first run. */
export function warmUp(): void {
  for (const framework of ["flask", "fastapi", "django"] as const) warmPairs().fill(framework);
}

/** Warm pairs ready now, by framework (for /api/health). */
export function warmPoolCounts(): Record<string, number> {
  return pool?.counts() ?? {};
}

/** Clean-ups of finished runs still in progress. */
const cleanups = new Set<Promise<void>>();

/**
 * Disposes of the warm pairs and waits for every finished run's clean-up: call it before a process that
 * ran code exits on purpose (scripts, tests, a stopping worker), or to compare against cold runs.
 */
export async function closeWarmPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
  await Promise.all([...cleanups]);
  await closeSocketFolders();
}

/** Root writes into a folder only the sandbox's uid may read; a name already there is never replaced. */
function addFiles(dir: string, files: Record<string, string>, uid: number): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, text, { mode: 0o400, flag: "wx" });
    chownSync(file, uid, uid);
  }
}

/**
 * One graded run in a pair: a warm one from the pool when the run has the default limits, else one
 * started now. "busy" when no two uids are free.
 */
async function runPair(opts: {
  appFiles: Record<string, string>;
  clientFiles: Record<string, string>;
  framework: WarmFramework;
  limits: SandboxLimits;
}): Promise<PairRun | "busy"> {
  const { limits } = opts;
  const warm = opts.framework !== "none" && sameLimits(limits, defaultLimits());
  const pooled = warm ? await warmPairs().take(opts.framework) : undefined;
  const pair = pooled ?? (await preparePair(opts.framework, limits, COLD_IDLE_SECONDS));
  if (!pair) return "busy";
  const { app, client, cgroup } = pair;
  try {
    addFiles(pair.appDir, opts.appFiles, pair.appUid);
    addFiles(pair.clientDir, opts.clientFiles, pair.clientUid);
    const began = performance.now();
    app.go();
    client.go();
    // The app ending before it ever listened means it failed to start: the checks have nothing to talk to.
    // They are told (APP_ENDED), report at once with the hints on the source, and are stopped if they do not.
    const appEndedFirst = app.done.then(async (run) => {
      if (isSocket(path.join(pair.socketDir, "app.sock"))) return run;
      // In the checks' own folder (root-made, read-only inside, out of the app's reach), created exclusively:
      // never in the socket folder, where the learner's code could plant a link or a pipe for root to open.
      await fs.writeFile(path.join(pair.clientDir, APP_ENDED), "", { flag: "wx", mode: 0o400 }).catch(() => undefined);
      const reported = await Promise.race([client.done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]);
      if (!reported) await stopSandbox(client, cgroup);
      return run;
    });
    let appRunning = true;
    void app.done.then(() => (appRunning = false));
    const clientRun = await client.done;
    const appStillRunning = appRunning;
    await stopSandbox(app, cgroup);
    const appRun = await appEndedFirst;
    const elapsed = performance.now() - began;
    if (config.SANDBOX_DEBUG) console.error({ appRun, clientRun });
    return { appRun, appStillRunning, client: clientRun, elapsed, memoryExceeded: (await cgroup?.memoryExceeded()) ?? false };
  } finally {
    // The verdict does not wait for the clean-up; the pair's uids come back once it is done (closeWarmPool waits).
    const cleaning = pair.dispose().catch((error: unknown) => console.error(`A sandbox pair was not cleaned up: ${String(error)}`));
    cleanups.add(cleaning);
    void cleaning.finally(() => cleanups.delete(cleaning));
  }
}

function sameLimits(a: SandboxLimits, b: SandboxLimits): boolean {
  return (Object.keys(a) as (keyof SandboxLimits)[]).every((key) => a[key] === b[key]);
}

const BUSY_MESSAGE = "The code runner is busy right now. Try again in a few seconds.";

function checkSupportNames(request: RunRequest) {
  for (const name of Object.keys(request.support)) {
    if (!SUPPORT_NAME.test(name) || [...APP_FILES, ...CHECK_FILES, "main.py"].includes(name)) {
      throw new Error(`Invalid support module name: ${JSON.stringify(name)}`);
    }
  }
}

/**
 * Runs the learner's app and the exercise's checks in two sandboxes, or, for a testing exercise, the
 * learner's tests against each authored app (runTestsInSandbox). Never runs anything outside them.
 */
export async function runInSandbox(request: RunRequest, limits: SandboxLimits = defaultLimits()): Promise<RunResult> {
  checkSupportNames(request);
  if (!existsSync(path.join(/*turbopackIgnore: true*/ venvPath(), "bin", "python"))) {
    return engineResult("unavailable", unavailableMessage("the Python environment is missing; run scripts/setup-python.sh"), 0);
  }
  if (request.tests) return runTestsInSandbox(request, request.tests, limits);
  const { probe } = request;
  const pair = await runPair({
    // The runner's own files are in place already: a support module can never replace them or main.py.
    appFiles: { ...request.support, "main.py": request.code },
    // The submitted source goes to the checks as text, for facts about how it is written (never run there).
    // A console request goes instead of the checks, as data (JSON) the check runner reads.
    clientFiles: probe
      ? { [PROBE_FILE]: JSON.stringify(probe), [SUBMITTED_SOURCE]: request.code }
      : { "checks.py": request.checks, [SUBMITTED_SOURCE]: request.code },
    framework: warmFramework(request),
    limits,
  });
  if (pair === "busy") return engineResult("unavailable", BUSY_MESSAGE, 0);
  // The console's line, or the runner's usual one when the app did not start.
  const parse = probe ? (stdout: string) => parseProbeOutput(stdout) ?? withoutProbe(parseCheckerOutput(stdout)) : parseCheckerOutput;
  return interpret({ ...pair, checks: pair.client, limits, parse });
}

/** The runner's ordinary line read in console mode: a probe in it was not validated, so it is dropped. */
function withoutProbe(result: CheckerResult | undefined): CheckerResult | undefined {
  if (!result) return undefined;
  const rest = { ...result };
  delete rest.probe;
  return rest;
}

const TESTS_HARNESS = "run_learner_tests.py";
const APPS_SERVER = "serve_apps.py";

/**
 * A testing exercise (docs/decisions/0005-sandbox.md). One sandbox serves every authored app (the working
 * one and the broken copies; no learner code), each from its own process on its own socket, in an order
 * shuffled per run. Then, one at a time, a fresh sandbox runs the learner's tests (run_learner_tests.py)
 * with only one app's socket mounted, always at /sockets/app.sock: the tests cannot tell which app answers,
 * nor carry anything from one run to the next. Their reports are claims; tests-verdict.ts decides.
 */
async function runTestsInSandbox(request: RunRequest, tests: TestsRequest, limits: SandboxLimits): Promise<RunResult> {
  const order = runOrder(tests.apps);
  const appUid = acquireUid();
  if (appUid === undefined) return engineResult("unavailable", BUSY_MESSAGE, 0);
  sweepLeftovers();
  const began = performance.now();
  const root = await makeRunFolder();
  let unmount: (() => Promise<void>) | undefined;
  let cgroup: RunCgroup | undefined;
  let appsSandbox: Started | undefined;
  try {
    const appDir = path.join(root, "app");
    const socketDir = path.join(root, SOCKETS_NAME);
    const apps = Object.fromEntries(order.map((app, index) => [`app_${index}.py`, app.code]));
    writeFiles(appDir, { ...request.support, ...(await readPythonFiles([...APP_FILES, APPS_SERVER])), ...apps }, appUid);
    if (await mountSocketDir(socketDir, appUid, 8 + 4 * order.length)) unmount = () => unmountSocketDir(socketDir);
    for (const index of order.keys()) await makeOwnedFolder(path.join(socketDir, String(index)), appUid);
    cgroup = await createRunCgroup(`run-${process.pid}-${randomBytes(6).toString("hex")}`, {
      memoryBytes: limits.runMemoryBytes,
      processes: limits.processes * 2,
      cpuWeight: 100,
    }).catch(() => undefined);
    const joinFiles = cgroup?.procFiles ?? [];
    const seccomp = seccompAvailable();
    // The apps live while every run of the tests does: one wall clock for each, plus their start-up.
    const appLimits = { ...limits, wallSeconds: limits.wallSeconds * (order.length + APPS_START_WALLS) };
    const startDeadline = performance.now() + limits.wallSeconds * APPS_START_WALLS * 1000;
    appsSandbox = start(
      sandboxCommand({
        uid: appUid,
        limits,
        joinFiles,
        seccomp,
        mounts: [
          { host: appDir, inside: INSIDE_WORK },
          { host: socketDir, inside: INSIDE_SOCKETS, writable: true },
        ],
        argv: [APPS_SERVER, INSIDE_SOCKETS, tests.framework, String(order.length)],
      }),
      appLimits,
      limits.outputBytes,
    );
    let appsUp = true;
    void appsSandbox.done.then(() => (appsUp = false));
    const appsRunning = () => appsUp;
    const harness = await readPythonFiles([TESTS_HARNESS]);
    const runs: AppRun[] = [];
    let shownOutput = "";
    for (const [index, app] of order.entries()) {
      // The learner's tests start only once their app listens: its start-up is not theirs to wait for, and
      // every run of the tests meets an app that is already up.
      if (!(await socketAppears(path.join(socketDir, String(index), "app.sock"), startDeadline, appsRunning))) {
        console.error(
          `A testing exercise's app did not start:\n${tail(stripMarker(await stopAndWait(appsSandbox, cgroup), STARTED_MARKER).run.stderr, 2000)}`,
        );
        return engineResult(
          "error",
          "The app your tests run against did not start. Please tell the course staff.",
          performance.now() - began,
        );
      }
      const uid = acquireUid();
      if (uid === undefined) return engineResult("unavailable", BUSY_MESSAGE, performance.now() - began);
      const learnerDir = path.join(root, `tests-${index}`);
      let learnerRun: Execution;
      try {
        writeFiles(learnerDir, { ...request.support, ...harness, "main.py": request.code }, uid);
        learnerRun = await start(
          sandboxCommand({
            uid,
            limits,
            joinFiles,
            seccomp,
            mounts: [
              { host: learnerDir, inside: INSIDE_WORK },
              { host: path.join(socketDir, String(index)), inside: INSIDE_SOCKETS },
            ],
            argv: [TESTS_HARNESS, SOCKET, String(Math.max(1, limits.wallSeconds - 1)), tests.framework],
          }),
          limits,
          limits.outputBytes,
        ).done;
      } finally {
        releaseUid(uid);
        await fs.rm(learnerDir, { recursive: true, force: true });
      }
      const elapsed = performance.now() - began;
      const { started, run: learner } = stripMarker(learnerRun, STARTED_MARKER);
      const failure = !started ? sandboxFailure(learner) : undefined;
      if (failure) return engineResult("unavailable", unavailableMessage(failure), elapsed);
      const output = learnerOutput(learner);
      if (app.name === WORKING_APP) shownOutput = output;
      if (learner.overflow) return engineResult("limit", outputMessage(limits), elapsed, { output: tail(learner.stdout) });
      if ((await cgroup?.memoryExceeded()) || /MemoryError|Cannot allocate memory/.test(learner.stderr)) {
        return engineResult("limit", memoryMessage(limits), elapsed, { output });
      }
      if (/can't start new thread|Resource temporarily unavailable|BlockingIOError: \[Errno 11\]/.test(learner.stderr)) {
        return engineResult("limit", processMessage(limits), elapsed, { output });
      }
      if (killedByCpu(learner)) {
        return engineResult(
          "timeout",
          `Your tests used more than ${limits.cpuSeconds} seconds of CPU time and were stopped. Look for a loop that never ends.`,
          elapsed,
          { output },
        );
      }
      const report = learner.code === 0 ? parseLearnerReport(learner.stdout) : undefined;
      if (!report && learner.elapsedMs >= limits.wallSeconds * 1000 - 100) {
        return engineResult(
          "timeout",
          `Your tests ran for more than ${limits.wallSeconds} seconds and were stopped. Look for a loop that never ends, or a test that waits for something that never comes.`,
          elapsed,
          { output },
        );
      }
      runs.push({
        app,
        report,
        problem: report
          ? undefined
          : `Your tests' process ended without a report (exit code ${learner.code ?? learner.signal}): did your code exit early, or print over the result?` +
            (learner.stderr.trim() ? `\n${tail(learner.stderr, 1500)}` : ""),
      });
    }
    const appsRun = appsSandbox;
    appsSandbox = undefined;
    const appsOutput = stripMarker(await stopAndWait(appsRun, cgroup), STARTED_MARKER);
    if (!appsOutput.started && sandboxFailure(appsOutput.run)) {
      return engineResult("unavailable", unavailableMessage(sandboxFailure(appsOutput.run)!), performance.now() - began);
    }
    const verdict = testsVerdict(runs);
    return {
      ...verdict,
      output: tail([verdict.output, shownOutput].filter((t) => t.trim()).join("\n")),
      engine: "server",
      durationMs: Math.round(performance.now() - began),
    };
  } finally {
    if (appsSandbox) await stopSandbox(appsSandbox, cgroup);
    await cgroup?.destroy().catch(() => undefined);
    await unmount?.();
    await fs.rm(root, { recursive: true, force: true });
    releaseUid(appUid);
  }
}

/**
 * How many wall clocks the apps may take to start (ours to pay, not the learner's): each is its own process
 * (five Django set-ups at once on a loaded host take longer than one run's wall clock).
 */
const APPS_START_WALLS = 3;

/** Waits until file is a socket; false at the deadline, or as soon as the process that should make it has ended. */
async function socketAppears(file: string, deadline: number, running: () => boolean): Promise<boolean> {
  while (performance.now() < deadline) {
    if (isSocket(file)) return true;
    if (!running()) return isSocket(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function stopAndWait(sandbox: Started, cgroup: RunCgroup | undefined): Promise<Execution> {
  await stopSandbox(sandbox, cgroup);
  return sandbox.done;
}

function interpret(opts: {
  appRun: Execution;
  /** The app was still running when the checks finished (so it was stopped by us, not by itself). */
  appStillRunning: boolean;
  checks: Execution;
  limits: SandboxLimits;
  elapsed: number;
  memoryExceeded: boolean;
  /** Reads the check sandbox's stdout (a console run reads a response there). */
  parse: (stdout: string) => CheckerResult | undefined;
}): RunResult {
  const { checks, appStillRunning, limits, elapsed, memoryExceeded } = opts;
  // Only before the marker can the app sandbox's stderr be a sandbox tool's; after it, it is the learner's.
  const { started: appStarted, run: appRun } = stripMarker(opts.appRun, STARTED_MARKER + READY_MARKER);
  const output = learnerOutput(appRun);
  const failure = sandboxFailure(checks) ?? (!appStarted && appRun.code !== 0 ? sandboxFailure(appRun) : undefined);
  if (failure) return engineResult("unavailable", unavailableMessage(failure), elapsed);
  if (appRun.overflow) return engineResult("limit", outputMessage(limits), elapsed, { output: tail(appRun.stdout) });
  if (memoryExceeded || /MemoryError|Cannot allocate memory|std::bad_alloc/.test(appRun.stderr)) {
    return engineResult("limit", memoryMessage(limits), elapsed, { output });
  }
  if (/can't start new thread|Resource temporarily unavailable|BlockingIOError: \[Errno 11\]/.test(appRun.stderr)) {
    return engineResult("limit", processMessage(limits), elapsed, { output });
  }
  if (!appStillRunning && killedByCpu(appRun)) {
    return engineResult(
      "timeout",
      `Your code used more than ${limits.cpuSeconds} seconds of CPU time and was stopped. Look for a loop that never ends or work that grows too fast.`,
      elapsed,
      { output },
    );
  }
  const parsed = checks.code === 0 ? opts.parse(checks.stdout) : undefined;
  // Out of time: the checks were stopped by the clock, or the app was still busy starting when they gave up.
  const timedOut = (!parsed && elapsed >= limits.wallSeconds * 1000 - 100) || (parsed?.phase === "import" && appStillRunning);
  if (timedOut) {
    return engineResult(
      "timeout",
      `Your code ran for more than ${limits.wallSeconds} seconds and was stopped. Look for a loop that never ends, or code that waits for something that never comes.`,
      elapsed,
      { output },
    );
  }
  const appFailedToStart = !parsed || parsed.phase === "import";
  if (appFailedToStart && !appStillRunning && appRun.code !== null && appRun.code !== 0) {
    return {
      status: "error",
      phase: "import",
      message: "Your code stopped with an error before the app could answer a request.",
      traceback: tail(appRun.stderr),
      output: tail(appRun.stdout),
      checks: [],
      // The check runner read the source even though the app never answered (crossroads_hints).
      hints: parsed?.hints ?? [],
      engine: "server",
      durationMs: Math.round(elapsed),
    };
  }
  if (!parsed) {
    return engineResult(
      "error",
      "The checks could not finish: your app stopped answering, or kept them busy past the run's limits.",
      elapsed,
      { output },
    );
  }
  return { ...parsed, output, engine: "server", durationMs: Math.round(elapsed) };
}
