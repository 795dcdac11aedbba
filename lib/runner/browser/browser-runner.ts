// The browser engine: Pyodide in a Web Worker. A run that takes too long is stopped by terminating
// the worker; the next run starts a fresh one. Runs that use Django get a fresh interpreter next time,
// because Django's settings can be configured only once per interpreter.
import { needsFreshInterpreter } from "@/lib/runner/browser/run-in-pyodide";
import type { CodeRunner, RunRequest, RunResult } from "@/lib/runner/types";

export type BrowserRunnerStatus = "loading-runtime" | "ready" | "running";

const LOAD_TIMEOUT_MS = 90_000;

type Reply = { type: "ready" } | { type: "result"; id: number; result: RunResult } | { type: "failed"; id: number; message: string };

function engineResult(status: RunResult["status"], message: string, durationMs: number): RunResult {
  return { status, phase: "engine", message, traceback: "", output: "", checks: [], engine: "browser", durationMs };
}

export class BrowserRunner implements CodeRunner {
  readonly engine = "browser" as const;
  onStatus: (status: BrowserRunnerStatus) => void = () => {};
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private dirty = false;
  private nextId = 0;

  constructor(readonly timeoutMs = 8_000) {}

  private start(): Promise<void> {
    const worker = new Worker(new URL("./python.worker.ts", import.meta.url), { type: "module" });
    this.worker = worker;
    this.dirty = false;
    this.onStatus("loading-runtime");
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Python took too long to start. Check your connection and try again.")), LOAD_TIMEOUT_MS);
      const onMessage = (event: MessageEvent<Reply>) => {
        if (event.data.type === "ready") resolve();
        else if (event.data.type === "failed") reject(new Error(`Python could not start in this browser: ${event.data.message}`));
        else return;
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
      };
      worker.addEventListener("message", onMessage);
      worker.postMessage({ type: "init" });
    });
    this.ready.then(() => this.onStatus("ready")).catch(() => this.stop());
    return this.ready;
  }

  /** Terminates the worker (and whatever it is running). */
  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  async run(request: RunRequest): Promise<RunResult> {
    if (this.dirty) this.stop();
    if (!this.worker || !this.ready) await this.start();
    else await this.ready;
    const worker = this.worker!;
    const id = ++this.nextId;
    this.onStatus("running");
    const started = performance.now();
    const result = await new Promise<RunResult>((resolve) => {
      const timer = setTimeout(() => {
        worker.removeEventListener("message", onMessage);
        this.stop();
        resolve(
          engineResult(
            "timeout",
            `Your code ran for more than ${Math.round(this.timeoutMs / 1000)} seconds and was stopped. Look for a loop that never ends. The next run starts a fresh Python.`,
            Math.round(performance.now() - started),
          ),
        );
      }, this.timeoutMs);
      const onMessage = (event: MessageEvent<Reply>) => {
        const reply = event.data;
        if (reply.type === "ready" || reply.id !== id) return;
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        resolve(reply.type === "result" ? reply.result : engineResult("error", reply.message, Math.round(performance.now() - started)));
      };
      worker.addEventListener("message", onMessage);
      worker.postMessage({ type: "run", id, request });
    });
    if (needsFreshInterpreter(request)) this.dirty = true;
    this.onStatus("ready");
    return result;
  }
}
