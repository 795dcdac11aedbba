/// <reference lib="webworker" />
// The browser engine's worker: loads Pyodide and the framework bundle from this site's
// RUNTIME_BASE (/runtime/v/<content hash>/, built by scripts/build-pyodide-bundle.sh and cached by
// browsers as immutable; never a CDN), then runs one exercise's checks at a time.
// The page terminates it to stop a run that takes too long, and replaces it once it is spent.
import { RUNTIME_BASE } from "@/lib/generated/runtime";
import { textResponse } from "@/lib/preview/session";
import {
  answerPreview,
  preparePyodide,
  runExercise,
  RUNNER_FILE_NAMES,
  startPreview,
  type PreviewAppRequest,
  type PreviewAppResponse,
  type PreviewStart,
  type PyodideLike,
  type RunnerFiles,
} from "@/lib/runner/browser/run-in-pyodide";
import type { RunRequest, RunResult } from "@/lib/runner/types";

/**
 * init: load Python; `warm` names a framework to import ahead of the first run (Flask only: see WARM_UPS).
 * run: a run of the checks, or, when the request has a `probe`, the request console's one request (the app is
 * imported fresh either way; run-in-pyodide.ts).
 * serve / http: the live preview's worker (a separate one): import the app once, then answer its requests.
 */
export type WorkerRequest =
  | { type: "init"; warm?: "flask" }
  | { type: "run"; id: number; request: RunRequest }
  | { type: "serve"; id: number; request: Pick<RunRequest, "code" | "support"> }
  | { type: "http"; id: number; request: PreviewAppRequest };

// Imports a first run would otherwise pay for (about 0.8 s for Flask). They live outside the run folder,
// so runs keep them. Not Django: importing it is harmless, but its settings can be configured only once,
// and a first run configures them its own way.
const WARM_UPS = { flask: "import flask, werkzeug.test" } as const;
export type WorkerReply =
  | { type: "progress"; loaded: number; total: number }
  | { type: "ready"; loadMs: number }
  | { type: "load-failed"; message: string }
  | { type: "result"; id: number; result: RunResult; spent: boolean }
  | { type: "served"; id: number; start: PreviewStart; spent: boolean }
  | { type: "answered"; id: number; response: PreviewAppResponse };

type Loaded = { pyodide: PyodideLike; runner: RunnerFiles };
let loading: Promise<Loaded> | undefined;

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response;
}

/** The framework bundle, reporting the bytes received as they arrive (the page shows them). */
async function fetchBundle(url: string): Promise<ArrayBuffer> {
  const response = await fetchOk(url);
  const total = Number(response.headers.get("Content-Length")) || 0;
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    reply({ type: "progress", loaded, total: Math.max(total, loaded) });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

async function load(): Promise<Loaded> {
  const base = new URL(RUNTIME_BASE, self.location.origin).href;
  // A URL only known at run time, kept out of the bundle: Pyodide is served as a static file.
  const { loadPyodide } = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `${base}pyodide/pyodide.mjs`)) as {
    loadPyodide(options: { indexURL: string }): Promise<unknown>;
  };
  const [pyodide, zip, ...sources] = await Promise.all([
    loadPyodide({ indexURL: `${base}pyodide/` }) as Promise<PyodideLike>,
    fetchBundle(`${base}frameworks.zip`),
    ...RUNNER_FILE_NAMES.map((name) => fetchOk(`${base}runner/${name}`).then((r) => r.text())),
  ]);
  preparePyodide(pyodide, new Uint8Array(zip as ArrayBuffer));
  const runner = Object.fromEntries(RUNNER_FILE_NAMES.map((name, i) => [name, sources[i] as string]));
  // Loaded: from here on the only code that asks for anything is the learner's.
  lockDown(self);
  return { pyodide: pyodide as PyodideLike, runner };
}

// What the learner's Python could use through Pyodide's `js` module (`import js; js.fetch(...)`) to act as
// this origin: this worker runs on Crossroads' origin, so a fetch would carry the learner's cookies and an
// Origin the server trusts (a POST to /api or a server action), and the origin's storage would outlive the
// page. The worker needs none of them once Python and the bundle are loaded; a nested worker would bring them
// back in a fresh global, so it goes too. Reply to the page with postMessage stays.
export const LOCKED_DOWN = [
  "fetch",
  "fetchLater",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "EventSource",
  "WebTransport",
  "Worker",
  "SharedWorker",
  "importScripts",
  "indexedDB",
  "caches",
  "cookieStore",
  "BroadcastChannel",
] as const;
const LOCKED_DOWN_NAVIGATOR = ["serviceWorker", "storage", "sendBeacon"] as const;

/** Removes LOCKED_DOWN from a worker's global (and its prototypes) for good, and the navigator's ways out. */
export function lockDown(scope: object): void {
  const remove = (target: object, names: readonly string[]) => {
    for (const name of names) {
      for (let on: object | null = target; on; on = Object.getPrototypeOf(on) as object | null) {
        if (Object.getOwnPropertyDescriptor(on, name)?.configurable) Reflect.deleteProperty(on, name);
      }
      try {
        Object.defineProperty(target, name, { value: undefined, writable: false, configurable: false });
      } catch {
        // Not configurable and still there: nothing more this worker can do.
      }
    }
  };
  remove(scope, LOCKED_DOWN);
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator) remove(navigator, LOCKED_DOWN_NAVIGATOR);
}

function reply(message: WorkerReply) {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  const started = performance.now();
  let loaded: Loaded;
  try {
    loaded = await (loading ??= load());
  } catch (error) {
    reply({ type: "load-failed", message: String((error as Error)?.message ?? error) });
    return;
  }
  if (message.type === "init") {
    if (message.warm) {
      try {
        loaded.pyodide.runPython(WARM_UPS[message.warm]);
      } catch {
        // The first run imports it again and reports whatever went wrong.
      }
    }
    reply({ type: "ready", loadMs: Math.round(performance.now() - started) });
    return;
  }
  if (message.type === "serve" || message.type === "http") {
    // Python itself failing (not the learner's code, which the preview catches) must still get an answer.
    try {
      if (message.type === "serve")
        reply({ type: "served", id: message.id, ...(await startPreview(loaded.pyodide, loaded.runner, message.request)) });
      else reply({ type: "answered", id: message.id, response: answerPreview(loaded.pyodide, message.request) });
    } catch (error) {
      const text = `Python stopped unexpectedly: ${String((error as Error)?.message ?? error).slice(-500)}`;
      if (message.type === "serve") reply({ type: "served", id: message.id, start: { error: text, printed: "" }, spent: true });
      else
        reply({
          type: "answered",
          id: message.id,
          response: textResponse(500, text),
        });
    }
    return;
  }
  const { result, spent } = await runExercise(loaded.pyodide, loaded.runner, message.request);
  reply({ type: "result", id: message.id, result, spent });
};
