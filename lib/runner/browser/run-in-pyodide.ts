// Runs an exercise's checks against the learner's app inside a Pyodide interpreter. Shared by the browser worker and the
// content test in Node, so the test proves what learners get. No DOM or Node APIs here.
import { parseProbeOutput } from "@/lib/runner/probe";
import { LearnerReportSchema, shuffledApps, testsVerdict, type AppRun } from "@/lib/runner/tests-verdict";
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
  // What every run starts from (FRESH_RUN puts it back): the builtins and the environment as they are now.
  pyodide.runPython("import builtins, os; _crossroads_pristine = (dict(builtins.__dict__), dict(os.environ))");
}

// The Python side of the check runner (scripts/python), by file name: the worker fetches them from
// /runtime/runner/, the content test reads them from disk.
export type RunnerFiles = Record<string, string>;
export const RUNNER_FILE_NAMES = [
  "crossroads_app.py",
  "crossroads_checks.py",
  "crossroads_hints.py",
  "crossroads_preview.py",
  "run_checks.py",
  "run_learner_tests.py",
] as const;

// The same run's start for both drivers: forget the previous run's modules and folder, work in RUN_DIR.
const FRESH_RUN = `
# Builtins, the environment and loggers outlive modules: a previous run's print() rebound to a logger, its
# variables, its logging.disable(), setLevel(ERROR), handlers or filters must not change this one.
import __main__, builtins
_builtins, _environ = __main__._crossroads_pristine
for _name in set(builtins.__dict__) - set(_builtins):
    del builtins.__dict__[_name]
builtins.__dict__.update(_builtins)

import contextlib, io, json, logging, os, shutil, sys

os.environ.clear()
os.environ.update(_environ)
for _name, _module in list(sys.modules.items()):
    if (getattr(_module, "__file__", None) or "").startswith(ROOT + "/"):
        del sys.modules[_name]
sys.path[:] = [p for p in sys.path if not str(p).startswith(ROOT + "/")]
logging.disable(logging.NOTSET)
for _logger in [logging.root, *logging.Logger.manager.loggerDict.values()]:
    if isinstance(_logger, logging.Logger):
        _logger.handlers.clear()
        _logger.filters.clear()
        _logger.setLevel(logging.WARNING if _logger is logging.root else logging.NOTSET)
        _logger.propagate, _logger.disabled = True, False
os.chdir(RUN_DIR)
sys.path.insert(0, RUN_DIR)
for _old in os.listdir(ROOT):
    if os.path.join(ROOT, _old) != RUN_DIR:
        shutil.rmtree(os.path.join(ROOT, _old), ignore_errors=True)
`;

// A testing exercise (kind: tests), practice only: for each authored app (APPS, already shuffled), import
// it fresh as its own module, then import the learner's tests fresh and run them against it in-process.
// The learner's code could read the apps here; the server's verdict is computed where it cannot.
const TESTS_DRIVER = `${FRESH_RUN}
import importlib, crossroads_app, run_learner_tests


def _sender(host):
    def send(method, target, headers, body):
        coroutine = host.handle(method, target, headers, body)
        try:
            coroutine.send(None)
        except StopIteration as done:
            return done.value
        coroutine.close()
        raise RuntimeError("This app needs an event loop: it runs on the server engine only.")
    return send


_reports = {}
for _app in APPS:
    _module = "crossroads_tested_" + _app
    for _name in (_module, "main"):
        sys.modules.pop(_name, None)
    _err = io.StringIO()
    try:
        with contextlib.redirect_stdout(_err), contextlib.redirect_stderr(_err):
            _host = crossroads_app.AppHost(_module)
    except BaseException as _exc:
        _reports[_app] = {"problem": "The app your tests run against did not start: " + repr(_exc)}
        continue
    _reports[_app] = run_learner_tests.run_tests(FRAMEWORK, _sender(_host))
json.dumps(_reports)
`;

// Runs in its own globals dict, so nothing from one run is visible to the next. It forgets the
// previous run's modules (main, checks, support files) and folder, imports the learner's app in a
// new folder and runs the checks against it in-process. Practice only: the learner's code shares
// this interpreter with the checks, so nothing the browser reports is ever stored as a verdict.
// With PROBE (a console request as JSON text, passed as data) it sends that one request instead.
const DRIVER = `${FRESH_RUN}

class _Capped(io.TextIOBase):
    """What the learner's code prints, kept up to a limit; past a larger one the run stops."""

    def __init__(self):
        self.parts, self.kept, self.total = [], 0, 0

    def writable(self):
        return True

    def write(self, text):
        self.total += len(text)
        if self.total > 1_000_000:
            raise MemoryError("printed more than 1 MB")
        if self.kept < 8_000:
            self.parts.append(text[: 8_000 - self.kept])
            self.kept += len(self.parts[-1])
        return len(text)


import crossroads_app, run_checks

_out = _Capped()
with contextlib.redirect_stdout(_out), contextlib.redirect_stderr(_out):
    try:
        _host = crossroads_app.AppHost()
        _transport = run_checks.InProcessTransport(_host)
        _result = run_checks.run_probe(_transport, json.loads(PROBE)) if PROBE else run_checks.run_all(_transport)
    except BaseException as _exc:
        _result = {
            "status": "error", "phase": "import",
            "message": "Your code stopped with an error before the app could answer a request.",
            "traceback": crossroads_app.learner_traceback(_exc), "output": "", "checks": [],
            "hints": run_checks.source_hints(),
        }
_result["output"] = "".join(_out.parts)
json.dumps(_result)
`;

// A Django run leaves settings configured and models registered; Python code cannot undo that.
const SPENT = `"django" in __import__("sys").modules`;

let runCount = 0;
const spentInterpreters = new WeakSet<PyodideLike>();

function engineError(message: string, started: number, output = ""): RunResult {
  return {
    status: "error",
    phase: "engine",
    message,
    traceback: "",
    output,
    checks: [],
    engine: "browser",
    durationMs: Math.round(performance.now() - started),
  };
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]/g, "_");
}

/**
 * Writes the run's files into a fresh folder, runs the checks there and returns their result, and
 * whether this interpreter must be replaced before the next run (Django was imported, or Python
 * itself broke). Used by the worker and by the content test, which follow the same rule.
 */
export async function runExercise(
  pyodide: PyodideLike,
  runner: RunnerFiles,
  request: RunRequest,
): Promise<{ result: RunResult; spent: boolean }> {
  const started = performance.now();
  const dir = `${RUNS_ROOT}/${++runCount}`;
  let reported: string;
  try {
    pyodide.FS.mkdirTree(dir);
    const files: Record<string, string> = {
      ...request.support,
      "checks.py": request.checks,
      ...runner,
      "main.py": request.code,
      // What the checks read as the submitted source (crossroads_checks.SUBMITTED_SOURCE).
      "submitted_main.txt": request.code,
    };
    // Each app once: meeting the working app again guards the server's verdict, not practice.
    const order = request.tests ? shuffledApps(request.tests.apps) : [];
    for (const app of order) files[`crossroads_tested_${app.name}.py`] = app.code;
    for (const [name, text] of Object.entries(files)) pyodide.FS.writeFile(`${dir}/${safeFileName(name)}`, text);
    const globals = pyodide.toPy({
      ROOT: RUNS_ROOT,
      RUN_DIR: dir,
      APPS: order.map((app) => app.name),
      FRAMEWORK: request.tests?.framework ?? "",
      // Text either way: a JS null would reach Python as JsNull, not None.
      PROBE: request.probe ? JSON.stringify(request.probe) : "",
    });
    try {
      reported = String(await pyodide.runPythonAsync(request.tests ? TESTS_DRIVER : DRIVER, { globals }));
    } finally {
      globals.destroy();
    }
    if (request.tests) {
      const spent = interpreterIsSpent(pyodide);
      const reports = JSON.parse(reported) as Record<string, unknown>;
      const runs: AppRun[] = order.map((app) => {
        const parsed = LearnerReportSchema.safeParse(reports[app.name]);
        const problem = (reports[app.name] as { problem?: string } | undefined)?.problem;
        return parsed.success ? { app, report: parsed.data } : { app, problem: problem ?? "Your tests did not report any result." };
      });
      const verdict = testsVerdict(runs);
      return { result: { ...verdict, engine: "browser", durationMs: Math.round(performance.now() - started) }, spent };
    }
  } catch (error) {
    // The driver turns every learner error into a result, so reaching here means the interpreter
    // itself failed (a stack overflow in WebAssembly, a fatal error): never reuse it.
    spentInterpreters.add(pyodide);
    const detail = String((error as Error)?.message ?? error)
      .trim()
      .split("\n")
      .slice(-2)
      .join(" ");
    return { result: engineError(`Python stopped unexpectedly: ${detail}`, started), spent: true };
  }
  const spent = interpreterIsSpent(pyodide);
  const parsed = JSON.parse(reported) as Omit<RunResult, "engine" | "durationMs">;
  if (request.probe && parsed.phase === "checks") {
    // The same checks as the server's on what the runner reported, so the console shows one shape.
    const probe = parseProbeOutput(reported);
    const base = probe ?? {
      ...parsed,
      probe: undefined,
      status: "error" as const,
      message: "The request console could not read the app's response.",
    };
    return { result: { ...base, output: parsed.output, engine: "browser", durationMs: Math.round(performance.now() - started) }, spent };
  }
  return { result: { ...parsed, engine: "browser", durationMs: Math.round(performance.now() - started) }, spent };
}

/** One request to the preview's app, as crossroads_preview.py reads it (the body in base64). */
export type PreviewAppRequest = { method: string; target: string; headers: [string, string][]; body: string };
/** The app's answer, or a 500 whose text is the traceback of a view (or an import) that failed. */
export type PreviewAppResponse = { status: number; headers: [string, string][]; body: string; printed: string };
export type PreviewStart = { error: string | null; printed: string };

/**
 * Imports the learner's app once, in a fresh folder, and keeps it for the live preview's requests
 * (crossroads_preview.py). Returns the import's traceback when it failed, and whether the interpreter is spent.
 */
export async function startPreview(
  pyodide: PyodideLike,
  runner: RunnerFiles,
  request: Pick<RunRequest, "code" | "support">,
): Promise<{ start: PreviewStart; spent: boolean }> {
  const dir = `${RUNS_ROOT}/${++runCount}`;
  pyodide.FS.mkdirTree(dir);
  const files: Record<string, string> = { ...request.support, ...runner, "main.py": request.code };
  for (const [name, text] of Object.entries(files)) pyodide.FS.writeFile(`${dir}/${safeFileName(name)}`, text);
  const globals = pyodide.toPy({ ROOT: RUNS_ROOT, RUN_DIR: dir });
  try {
    const start = JSON.parse(
      String(await pyodide.runPythonAsync(`${FRESH_RUN}\nimport crossroads_preview\ncrossroads_preview.start()`, { globals })),
    );
    return { start: start as PreviewStart, spent: interpreterIsSpent(pyodide) };
  } finally {
    globals.destroy();
  }
}

/** Sends one request to the app startPreview kept. */
export function answerPreview(pyodide: PyodideLike, request: PreviewAppRequest): PreviewAppResponse {
  const globals = pyodide.toPy({ REQUEST: JSON.stringify(request) });
  try {
    const reply = pyodide.runPython(`__import__("sys").modules["crossroads_preview"].current.answer(REQUEST)`, { globals });
    return JSON.parse(String(reply)) as PreviewAppResponse;
  } finally {
    globals.destroy();
  }
}

/** Runs the checks once and returns only their result (for callers that manage interpreters themselves). */
export async function runInPyodide(pyodide: PyodideLike, runner: RunnerFiles, request: RunRequest): Promise<RunResult> {
  return (await runExercise(pyodide, runner, request)).result;
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
