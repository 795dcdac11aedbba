/// <reference lib="webworker" />
// The browser engine's worker: loads Pyodide and the framework bundle from this site (never a CDN),
// then runs one harness at a time. The page terminates it to stop a run that takes too long.
import { preparePyodide, runInPyodide, type PyodideLike } from "@/lib/runner/browser/run-in-pyodide";
import type { RunRequest } from "@/lib/runner/types";

type Loaded = { pyodide: PyodideLike; harness: string };
let loading: Promise<Loaded> | undefined;

async function load(): Promise<Loaded> {
  const base = new URL("/runtime/", self.location.origin).href;
  const moduleUrl = `${base}pyodide/pyodide.mjs`;
  const { loadPyodide } = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ moduleUrl)) as {
    loadPyodide(options: { indexURL: string }): Promise<PyodideLike>;
  };
  const [pyodide, zip, harness] = await Promise.all([
    loadPyodide({ indexURL: `${base}pyodide/` }),
    fetch(`${base}frameworks.zip`).then((r) => r.arrayBuffer()),
    fetch(`${base}harness.py`).then((r) => r.text()),
  ]);
  preparePyodide(pyodide, new Uint8Array(zip));
  return { pyodide, harness };
}

self.onmessage = async (event: MessageEvent<{ type: "init" } | { type: "run"; id: number; request: RunRequest }>) => {
  const message = event.data;
  try {
    loading ??= load();
    const { pyodide, harness } = await loading;
    if (message.type === "init") {
      self.postMessage({ type: "ready" });
      return;
    }
    const result = await runInPyodide(pyodide, harness, message.request);
    self.postMessage({ type: "result", id: message.id, result });
  } catch (error) {
    self.postMessage({ type: "failed", id: message.type === "run" ? message.id : 0, message: String((error as Error)?.message ?? error) });
  }
};
