// Code runner benchmarks: the browser engine (Pyodide, measured in Node with the same bundle and
// code the worker uses), and the server engine (bubblewrap sandbox) latency and saturated throughput.
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { preparePyodide, runInPyodide, type PyodideLike } from "@/lib/runner/browser/run-in-pyodide";
import { runnerFiles } from "@/tests/support/pyodide-node";
import { fastapiRequest as fastapi, SATURATED_RUNS, saturatedFastapiRuns } from "./saturated-run";
import { heading, ms, percentile, row } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const flask = {
  code: 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return {"ok": True}\n',
  checks: 'def check_ok(client):\n    assert client.get("/").json() == {"ok": True}\n',
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

/** CPU seconds (all processes: Node and every sandbox) spent while fn runs, where cgroup v1's cpuacct is mounted. */
async function cpuSeconds(fn: () => Promise<void>): Promise<number | undefined> {
  const root = "/sys/fs/cgroup/cpuacct";
  const dir = path.join(root, `crossroads-bench-${process.pid}`);
  try {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "cgroup.procs"), String(process.pid));
  } catch {
    await fn();
    return undefined;
  }
  try {
    const before = Number(fs.readFileSync(path.join(dir, "cpuacct.usage"), "utf8"));
    await fn();
    return (Number(fs.readFileSync(path.join(dir, "cpuacct.usage"), "utf8")) - before) / 1e9;
  } finally {
    fs.writeFileSync(path.join(root, "cgroup.procs"), String(process.pid));
    // Sandboxes started in the group (a warm pair, a clean-up in progress) leave it when they end.
    for (let i = 0; i < 50 && fs.existsSync(dir); i++) {
      try {
        fs.rmdirSync(dir);
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

async function serverEngine() {
  heading("Server engine (CPython: the app and the checks in two bubblewrap sandboxes)");
  const { closeWarmPool, runInSandbox, venvPath, warmPoolCounts } = await import("@/lib/runner/sandbox");
  const setPool = async (size: number) => {
    await closeWarmPool();
    process.env.RUNNER_WARM_POOL = String(size);
  };
  const { execFileSync } = await import("node:child_process");
  const python = path.join(venvPath(), "bin", "python");
  for (const [name, request, imports] of [
    ["Flask", flask, "import flask"],
    ["FastAPI", fastapi, "import fastapi"],
  ] as const) {
    const timed = async (warm: boolean) => {
      await setPool(warm ? 1 : 0);
      const latencies: number[] = [];
      const cpu = await cpuSeconds(async () => {
        for (let i = 0; i < 20; i++) {
          // Warm: the pair for this run was started after the last one, and is ready (as between a learner's runs).
          while (warm && i > 0 && (warmPoolCounts()[name.toLowerCase()] ?? 0) < 1) await new Promise((r) => setTimeout(r, 20));
          const t = performance.now();
          const result = await runInSandbox(request);
          if (result.status !== "pass") throw new Error(`${name} run failed in the sandbox: ${result.message}`);
          latencies.push(performance.now() - t);
        }
        await closeWarmPool();
      });
      return { latencies: warm ? latencies.slice(1) : latencies, cpu: cpu === undefined ? "n/a" : `${((cpu / 20) * 1000).toFixed(0)} ms` };
    };
    const cold = await timed(false);
    const warm = await timed(true);
    row(
      `${name} run, cold sandboxes: median / p95 of 20 (reference)`,
      `${ms(percentile(cold.latencies, 50))} / ${ms(percentile(cold.latencies, 95))}`,
    );
    row(
      `${name} run, warm pair from the pool: median / p95 of 19`,
      `${ms(percentile(warm.latencies, 50))} / ${ms(percentile(warm.latencies, 95))} (${(percentile(warm.latencies, 50) / percentile(cold.latencies, 50)).toFixed(2)}x)`,
    );
    const importCpu = await cpuSeconds(async () => {
      for (let i = 0; i < 5; i++) execFileSync(python, ["-B", "-s", "-P", "-c", imports]);
    });
    const startCpu = await cpuSeconds(async () => {
      for (let i = 0; i < 5; i++) execFileSync(python, ["-B", "-s", "-P", "-c", "pass"]);
    });
    if (importCpu !== undefined && startCpu !== undefined) {
      row(
        `${name}: CPU per run, cold / warm (pool refill included)`,
        `${cold.cpu} / ${warm.cpu}; of which Python start ${((startCpu / 5) * 1000).toFixed(0)} ms, \`${imports}\` ${(((importCpu - startCpu) / 5) * 1000).toFixed(0)} ms`,
      );
    }
  }
  const { config } = await import("@/lib/config");
  const concurrency = config.RUNNER_CONCURRENCY;
  const saturated = async (size: number) => {
    await setPool(size);
    return saturatedFastapiRuns();
  };
  const coldLoad = await saturated(0);
  const warmLoad = await saturated(1);
  row(
    `${SATURATED_RUNS} FastAPI submissions at once (queue of ${concurrency}), cold sandboxes (reference)`,
    `${(SATURATED_RUNS / coldLoad.seconds).toFixed(1)} runs/s, p95 wait+run ${ms(percentile(coldLoad.latencies, 95))}`,
  );
  row(
    `same, with the warm pool`,
    `${(SATURATED_RUNS / warmLoad.seconds).toFixed(1)} runs/s (${(coldLoad.seconds / warmLoad.seconds).toFixed(2)}x), p95 wait+run ${ms(percentile(warmLoad.latencies, 95))}`,
  );
  await closeWarmPool();
}

export async function runnerBench() {
  await browserEngine();
  await serverEngine();
}
