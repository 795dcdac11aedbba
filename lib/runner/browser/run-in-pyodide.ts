// Runs the check harness inside a Pyodide interpreter. Shared by the browser worker and the
// content test in Node, so the test proves what learners get. No DOM or Node APIs here.
import type { RunRequest, RunResult } from "@/lib/runner/types";

/** The slice of Pyodide's API this module uses. */
export interface PyodideLike {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  runPython(code: string, options?: { globals?: unknown }): unknown;
  runPythonAsync(code: string, options?: { globals?: unknown }): Promise<unknown>;
  unpackArchive(buffer: Uint8Array, format: string, options?: { extractDir?: string }): void;
  toPy(value: unknown): { destroy(): void };
}

const RUNS_ROOT = "/crossroads-runs";

/** Unpacks Flask, Django and their dependencies into site-packages and sets Pyodide-only settings. */
export function preparePyodide(pyodide: PyodideLike, frameworksZip: Uint8Array): void {
  const site = pyodide.runPython("import site; site.getsitepackages()[0]") as string;
  pyodide.unpackArchive(frameworksZip, "zip", { extractDir: site });
  // Django refuses ORM calls from what it thinks is an async context in Pyodide; exercises are synchronous.
  pyodide.runPython("import os; os.environ['DJANGO_ALLOW_ASYNC_UNSAFE'] = '1'");
}

// Runs in its own globals dict, so nothing from one run is visible to the next. It forgets the
// previous run's modules (main, checks, support files) and folder before running the harness in a
// new folder: every run imports the learner's code afresh, and tracebacks never show stale lines.
const DRIVER = `
import contextlib, io, os, runpy, shutil, sys

for _name, _module in list(sys.modules.items()):
    if (getattr(_module, "__file__", None) or "").startswith(ROOT + "/"):
        del sys.modules[_name]
sys.path[:] = [p for p in sys.path if not str(p).startswith(ROOT + "/")]
os.chdir(RUN_DIR)
for _old in os.listdir(ROOT):
    if os.path.join(ROOT, _old) != RUN_DIR:
        shutil.rmtree(os.path.join(ROOT, _old), ignore_errors=True)
os.environ["CROSSROADS_NONCE"] = NONCE
del NONCE
_out = io.StringIO()
with contextlib.redirect_stdout(_out):
    runpy.run_path("harness.py", run_name="__main__")
_out.getvalue()
`;

// A Django run leaves settings configured and models registered; Python code cannot undo that.
const SPENT = `"django" in __import__("sys").modules`;

let runCount = 0;
const spentInterpreters = new WeakSet<PyodideLike>();

function engineError(message: string, started: number, output = ""): RunResult {
  return { status: "error", phase: "engine", message, traceback: "", output, checks: [], engine: "browser", durationMs: Math.round(performance.now() - started) };
}

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "crossroads-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("") + ":";
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]/g, "_");
}

/**
 * Writes the run's files into a fresh folder, runs the harness there and returns its result, and
 * whether this interpreter must be replaced before the next run (Django was imported, or Python
 * itself broke). Used by the worker and by the content test, which follow the same rule.
 */
export async function runExercise(
  pyodide: PyodideLike,
  harness: string,
  request: RunRequest,
): Promise<{ result: RunResult; spent: boolean }> {
  const started = performance.now();
  const dir = `${RUNS_ROOT}/${++runCount}`;
  const nonce = newNonce();
  let stdout: string;
  try {
    pyodide.FS.mkdirTree(dir);
    const files: Record<string, string> = { ...request.support, "checks.py": request.checks, "main.py": request.code, "harness.py": harness };
    for (const [name, text] of Object.entries(files)) pyodide.FS.writeFile(`${dir}/${safeFileName(name)}`, text);
    const globals = pyodide.toPy({ ROOT: RUNS_ROOT, RUN_DIR: dir, NONCE: nonce });
    try {
      stdout = String(await pyodide.runPythonAsync(DRIVER, { globals }));
    } finally {
      globals.destroy();
    }
  } catch (error) {
    // The harness turns every learner error into a result, so reaching here means the interpreter
    // itself failed (a stack overflow in WebAssembly, a fatal error): never reuse it.
    spentInterpreters.add(pyodide);
    const detail = String((error as Error)?.message ?? error).trim().split("\n").slice(-2).join(" ");
    return { result: engineError(`Python stopped unexpectedly: ${detail}`, started), spent: true };
  }
  const spent = interpreterIsSpent(pyodide);
  const line = stdout.split("\n").find((l) => l.startsWith(nonce));
  if (!line) return { result: engineError("The checks did not report a result.", started, stdout.slice(-4000)), spent };
  const reported = JSON.parse(line.slice(nonce.length)) as Omit<RunResult, "engine" | "durationMs">;
  return { result: { ...reported, engine: "browser", durationMs: Math.round(performance.now() - started) }, spent };
}

/** Runs the harness once and returns only its result (for callers that manage interpreters themselves). */
export async function runInPyodide(pyodide: PyodideLike, harness: string, request: RunRequest): Promise<RunResult> {
  return (await runExercise(pyodide, harness, request)).result;
}

/** True when the interpreter has imported Django or has broken: the next run needs a fresh one. */
export function interpreterIsSpent(pyodide: PyodideLike): boolean {
  if (spentInterpreters.has(pyodide)) return true;
  try {
    if (pyodide.runPython(SPENT) === true) spentInterpreters.add(pyodide);
  } catch {
    spentInterpreters.add(pyodide);
  }
  return spentInterpreters.has(pyodide);
}
