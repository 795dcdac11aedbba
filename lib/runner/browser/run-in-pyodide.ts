// Runs the check harness inside a Pyodide interpreter. Shared by the browser worker and the
// content test in Node, so the test proves what learners get. No DOM or Node APIs here.
import type { RunRequest, RunResult } from "@/lib/runner/types";

/** The slice of Pyodide's API this module uses. */
export interface PyodideLike {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  runPython(code: string, options?: { globals?: unknown }): unknown;
  runPythonAsync(code: string): Promise<unknown>;
  unpackArchive(buffer: Uint8Array, format: string, options?: { extractDir?: string }): void;
  globals: { set(name: string, value: unknown): void };
}

/** Unpacks Flask, Django and their dependencies into site-packages and sets Pyodide-only settings. */
export function preparePyodide(pyodide: PyodideLike, frameworksZip: Uint8Array): void {
  const site = pyodide.runPython("import site; site.getsitepackages()[0]") as string;
  pyodide.unpackArchive(frameworksZip, "zip", { extractDir: site });
  // Django refuses ORM calls from what it thinks is an async context in Pyodide; exercises are synchronous.
  pyodide.runPython("import os; os.environ['DJANGO_ALLOW_ASYNC_UNSAFE'] = '1'");
}

let runCount = 0;

const DRIVER = `
import contextlib, io, os, runpy, sys
_run_dir = __crossroads_dir
for _name in list(sys.modules):
    _module = sys.modules[_name]
    _file = getattr(_module, "__file__", None) or ""
    if _file.startswith("/crossroads-runs/"):
        del sys.modules[_name]
sys.path[:] = [p for p in sys.path if not p.startswith("/crossroads-runs/")]
os.chdir(_run_dir)
os.environ["CROSSROADS_NONCE"] = __crossroads_nonce
_out = io.StringIO()
with contextlib.redirect_stdout(_out):
    runpy.run_path("harness.py", run_name="__main__")
_out.getvalue()
`;

/** Writes the run's files into a fresh folder and runs the harness there; returns its result. */
export async function runInPyodide(pyodide: PyodideLike, harness: string, request: RunRequest): Promise<RunResult> {
  const started = performance.now();
  const dir = `/crossroads-runs/${++runCount}`;
  pyodide.FS.mkdirTree(dir);
  const files: Record<string, string> = { ...request.support, "checks.py": request.checks, "main.py": request.code, "harness.py": harness };
  for (const [name, text] of Object.entries(files)) pyodide.FS.writeFile(`${dir}/${name.replace(/[^\w.-]/g, "_")}`, text);
  const nonce = `n${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  pyodide.globals.set("__crossroads_dir", dir);
  pyodide.globals.set("__crossroads_nonce", nonce);
  let stdout: string;
  try {
    stdout = (await pyodide.runPythonAsync(DRIVER)) as string;
  } catch (error) {
    return {
      status: "error",
      phase: "engine",
      message: `Python stopped unexpectedly: ${String((error as Error).message ?? error).split("\n").slice(-2).join(" ")}`,
      traceback: "",
      output: "",
      checks: [],
      engine: "browser",
      durationMs: Math.round(performance.now() - started),
    };
  }
  const line = stdout.split("\n").find((l) => l.startsWith(nonce));
  const durationMs = Math.round(performance.now() - started);
  if (!line) {
    return { status: "error", phase: "engine", message: "The checks did not report a result.", traceback: "", output: stdout.slice(-4000), checks: [], engine: "browser", durationMs };
  }
  return { ...(JSON.parse(line.slice(nonce.length)) as Omit<RunResult, "engine" | "durationMs">), engine: "browser", durationMs };
}

/** Django configures settings once per interpreter, so a run that uses it needs a fresh one. */
export function needsFreshInterpreter(request: Pick<RunRequest, "code" | "checks">): boolean {
  return /\b(django|django_setup)\b/.test(request.code) || /\b(django|django_setup)\b/.test(request.checks);
}
