// The live preview's Python: a worker of its own (the same script as the page's engine), so the app it keeps
// alive between requests never shares an interpreter with a run's checks. Client-side only.
// A Django app configures settings once per interpreter, so after such an app the next start uses a new worker
// (the files come from the browser's cache by then).
import type { WorkerReply, WorkerRequest } from "@/lib/runner/browser/python.worker";
import type { PreviewAppRequest, PreviewAppResponse, PreviewStart } from "@/lib/runner/browser/run-in-pyodide";
import type { RunRequest } from "@/lib/runner/types";
import { textResponse } from "@/lib/preview/session";

const LOAD_TIMEOUT_MS = 120_000;
/** How long one request may take before the preview's Python is stopped (a view that never returns). */
export const PREVIEW_REQUEST_TIMEOUT_MS = 10_000;

export class PreviewEngine {
  private worker: Worker | undefined;
  private ready: Promise<string | null> | undefined;
  private spent = false;
  private nextId = 0;
  /** Requests go one at a time, in order, as a single-threaded development server answers them. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Imports the learner's app (in a fresh worker when the last one is spent) and keeps it for answer(). */
  start(request: Pick<RunRequest, "code" | "support">): Promise<PreviewStart> {
    return this.enqueue(async () => {
      if (this.spent) this.stop();
      const failed = await this.load();
      if (failed) return { error: `Python could not start for the preview: ${failed}`, printed: "" };
      const reply = await this.ask({ type: "serve", id: ++this.nextId, request }, LOAD_TIMEOUT_MS);
      if (reply?.type !== "served") {
        this.stop();
        return { error: "Your app took too long to start, so the preview stopped it.", printed: "" };
      }
      this.spent = reply.spent;
      return reply.start;
    });
  }

  answer(request: PreviewAppRequest): Promise<PreviewAppResponse> {
    return this.enqueue(async () => {
      if (!this.worker) return textResponse(503, "The preview is not running. Press Run to start your app again.");
      const reply = await this.ask({ type: "http", id: ++this.nextId, request }, PREVIEW_REQUEST_TIMEOUT_MS);
      if (reply?.type === "answered") return reply.response;
      this.stop();
      return textResponse(
        504,
        `Your app took more than ${PREVIEW_REQUEST_TIMEOUT_MS / 1000} seconds to answer ${request.method} ${request.target}, so the preview stopped it. ` +
          "Look for a loop that never ends, then press Run.",
      );
    });
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
    this.spent = false;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts the worker if there is none; resolves to null when Python is ready, or to why it is not. */
  private load(): Promise<string | null> {
    if (this.worker && this.ready) return this.ready;
    const worker = new Worker(new URL("./python.worker.ts", import.meta.url), { type: "module" });
    this.worker = worker;
    this.ready = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(`it did not start within ${LOAD_TIMEOUT_MS / 1000} seconds`), LOAD_TIMEOUT_MS);
      worker.addEventListener("message", function onMessage(event: MessageEvent<WorkerReply>) {
        if (event.data.type !== "ready" && event.data.type !== "load-failed") return;
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        resolve(event.data.type === "ready" ? null : event.data.message);
      });
      worker.addEventListener("error", (event) => resolve(event.message || "the worker script failed to load"), { once: true });
      worker.postMessage({ type: "init" } satisfies WorkerRequest);
    });
    void this.ready.then((failed) => {
      if (failed && this.worker === worker) this.stop();
    });
    return this.ready;
  }

  /** Posts a message and waits for the reply with its id; undefined on timeout or when the worker dies. */
  private ask(message: Extract<WorkerRequest, { id: number }>, timeoutMs: number): Promise<WorkerReply | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (reply: WorkerReply | undefined) => {
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        resolve(reply);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        if ("id" in event.data && event.data.id === message.id) finish(event.data);
      };
      const onError = () => finish(undefined);
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      worker.postMessage(message);
    });
  }
}
