// Code runner benchmarks: the browser engine (Pyodide, measured in Node with the same bundle and
// code the worker uses), and the server engine (bubblewrap sandbox) latency and saturated throughput.
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { preparePyodide, runInPyodide, type PyodideLike } from "@/lib/runner/browser/run-in-pyodide";
import { runnerFiles } from "@/tests/support/pyodide-node";
import { heading, load, ms, percentile, row } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const flask = {
  code: 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return {"ok": True}\n',
  checks: 'def check_ok(client):\n    assert client.get("/").json() == {"ok": True}\n',
  support: {},
};
const fastapi = {
  code: "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    return {'ok': True}\n",
  checks: "def check_ok(client):\n    assert client.get('/').json() == {'ok': True}\n",
  support: {},
};

async function browserEngine() {
  heading("Browser engine (Pyodide 314, same bundle and runner as the worker; run in Node)");
  const started = performance.now();
  const pyodide = (await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide") + "/" })) as unknown as PyodideLike;
  preparePyodide(pyodide, new Uint8Array(fs.readFileSync(path.join(root, "public/runtime/frameworks.zip"))));
  const first = await runInPyodide(pyodide, runnerFiles, flask);
  row("cold start + first Flask run", `${ms(performance.now() - started)} (${first.status})`);
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await runInPyodide(pyodide, runnerFiles, flask);
    warm.push(performance.now() - t);
  }
  row("warm Flask run, median / p95 of 20", `${ms(percentile(warm, 50))} / ${ms(percentile(warm, 95))}`);
}

async function serverEngine() {
  heading("Server engine (CPython: the app and the checks in two bubblewrap sandboxes)");
  const { runInSandbox } = await import("@/lib/runner/sandbox");
  const { serverRunner } = await import("@/lib/runner/server-runner");
  for (const [name, request] of [
    ["Flask", flask],
    ["FastAPI", fastapi],
  ] as const) {
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const result = await runInSandbox(request);
      if (result.status !== "pass") throw new Error(`${name} run failed in the sandbox: ${result.message}`);
      latencies.push(performance.now() - t);
    }
    row(`${name} run latency, median / p95 of 20`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`);
  }
  const { config } = await import("@/lib/config");
  const concurrency = config.RUNNER_CONCURRENCY;
  const { latencies, seconds } = await load(40, 40, async () => {
    const result = await serverRunner.run(fastapi);
    if (result.status !== "pass") throw new Error(`FastAPI run failed under load: ${result.message}`);
  });
  row(
    `40 FastAPI submissions at once (queue of ${concurrency})`,
    `${(40 / seconds).toFixed(1)} runs/s, p95 wait+run ${ms(percentile(latencies, 95))}`,
  );
}

export async function runnerBench() {
  await browserEngine();
  await serverEngine();
}
