// The browser engine: Pyodide in a Web Worker, driven from the page. Client-side only (no server
// imports). Runs go one at a time. A run that takes too long is stopped by terminating the worker,
// and a worker whose interpreter is spent (Django was imported: its settings can be configured only
// once per interpreter) is replaced at once, so the fresh one loads while the learner reads the result.
import type { WorkerReply, WorkerRequest } from "@/lib/runner/browser/python.worker";
import type { CodeRunner, RunRequest, RunResult } from "@/lib/runner/types";

export type BrowserRunnerStatus = "loading-runtime" | "ready" | "running";

export interface BrowserRunnerOptions {
  /** How long learner code may run, counted from when Python is ready. */
  timeoutMs?: number;
  /** How long loading Python (about 20 MB, cached by the browser after the first visit) may take. */
  loadTimeoutMs?: number;
}

type Loaded = { ok: true } | { ok: false; message: string };

function engineResult(status: RunResult["status"], message: string, durationMs = 0): RunResult {
  return { status, phase: "engine", message, traceback: "", output: "", checks: [], engine: "browser", durationMs };
}

export class BrowserRunner implements CodeRunner {
  readonly engine = "browser" as const;
  /** Called when the runtime starts loading, becomes ready, or starts running code. */
  onStatus: (status: BrowserRunnerStatus) => void = () => {};
  /** Called as the framework bundle downloads, with the bytes received so far and the bundle's size. */
  onProgress: (loaded: number, total: number) => void = () => {};
  /** The last status reported; null before the first load starts or after a failed one. */
  status: BrowserRunnerStatus | null = null;
  readonly timeoutMs: number;
  readonly loadTimeoutMs: number;
  private worker: Worker | undefined;
  private loaded: Promise<Loaded> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  constructor(options: BrowserRunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.loadTimeoutMs = options.loadTimeoutMs ?? 120_000;
  }

  /** Starts loading Python ahead of the first run (say, when the editor opens), and imports `warm` too. */
  preload(warm?: "flask"): void {
    if (!this.worker) void this.start(warm);
  }

  /** Terminates the worker and whatever it is running; the next run starts a fresh one. */
  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.loaded = undefined;
    this.status = null;
  }

  run(request: RunRequest): Promise<RunResult> {
    const result = this.queue.then(() => this.runNow(request));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private report(status: BrowserRunnerStatus | null): void {
    this.status = status;
    if (status) this.onStatus(status);
  }

  private start(warm?: "flask"): Promise<Loaded> {
    const worker = new Worker(new URL("./python.worker.ts", import.meta.url), { type: "module" });
    this.worker = worker;
    this.report("loading-runtime");
    const loaded = new Promise<Loaded>((resolve) => {
      const finish = (outcome: Loaded) => {
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        resolve(outcome);
      };
      const timer = setTimeout(
        () => finish({ ok: false, message: `Python did not start within ${Math.round(this.loadTimeoutMs / 1000)} seconds.` }),
        this.loadTimeoutMs,
      );
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        if (event.data.type === "progress") this.onProgress(event.data.loaded, event.data.total);
        else if (event.data.type === "ready") finish({ ok: true });
        else if (event.data.type === "load-failed") finish({ ok: false, message: event.data.message });
      };
      const onError = (event: ErrorEvent) => finish({ ok: false, message: event.message || "the worker script failed to load" });
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      worker.postMessage({ type: "init", warm } satisfies WorkerRequest);
    });
    this.loaded = loaded;
    void loaded.then((outcome) => {
      if (this.worker !== worker) return;
      if (outcome.ok) this.report("ready");
      else this.stop();
    });
    return loaded;
  }

  private async runNow(request: RunRequest): Promise<RunResult> {
    const loaded = await (this.worker && this.loaded ? this.loaded : this.start());
    const worker = this.worker;
    if (!loaded.ok || !worker) {
      this.stop();
      return engineResult(
        "unavailable",
        `Python could not start in this browser (${loaded.ok ? "it was stopped" : loaded.message}). Try again, or submit to check your code on the server.`,
      );
    }
    const id = ++this.nextId;
    this.report("running");
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const { result, spent } = await new Promise<{ result: RunResult; spent: boolean }>((resolve) => {
      const finish = (outcome: { result: RunResult; spent: boolean }) => {
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        const seconds = Math.round(this.timeoutMs / 1000);
        const message =
          `Your code ran for more than ${seconds} seconds and was stopped. ` +
          "Look for a loop that never ends or a request that waits forever. The next run starts a fresh Python.";
        finish({ result: engineResult("timeout", message, elapsed()), spent: true });
      }, this.timeoutMs);
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        if (event.data.type === "result" && event.data.id === id) finish({ result: event.data.result, spent: event.data.spent });
      };
      // Running out of memory (say, a list that grows forever) kills the worker without a reply.
      const onError = (event: ErrorEvent) =>
        finish({
          result: engineResult(
            "error",
            `Python crashed: ${event.message || "the worker stopped"}. The next run starts a fresh Python.`,
            elapsed(),
          ),
          spent: true,
        });
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      worker.postMessage({ type: "run", id, request } satisfies WorkerRequest);
    });
    if (spent) {
      this.stop();
      void this.start(); // load the replacement now, not when the learner next presses Run
    } else {
      this.report("ready");
    }
    return result;
  }
}
