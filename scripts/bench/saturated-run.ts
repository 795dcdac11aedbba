// A saturated queue on the server engine: 40 FastAPI submissions at once through serverRunner.run (queue of
// RUNNER_CONCURRENCY). runner.ts measures it in process (cold and warm pool); run as a script, it measures
// once with this checkout's own defaults and prints {"runsPerSecond": N, "cpuMsPerRun": M}. scripts/bench/baseline.ts copies
// this file into an older commit's checkout and runs it there too, so it uses only what every commit since
// two-sandbox grading has: serverRunner, and load from ./stats.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "./stats";

export const fastapiRequest = {
  code: "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    return {'ok': True}\n",
  checks: "def check_ok(client):\n    assert client.get('/').json() == {'ok': True}\n",
  support: {},
};
export const SATURATED_RUNS = 40;

export async function saturatedFastapiRuns(): Promise<{ latencies: number[]; seconds: number }> {
  const { serverRunner } = await import("@/lib/runner/server-runner");
  return load(SATURATED_RUNS, SATURATED_RUNS, async () => {
    const result = await serverRunner.run(fastapiRequest);
    if (result.status !== "pass") throw new Error(`FastAPI run failed under load: ${result.message}`);
  });
}

/**
 * The machine's busy CPU time so far, in ms (/proc/stat: user, nice, system, irq, softirq and steal over all
 * cores). Unlike this process's own usage it counts the sandboxes, which are not its reaped children.
 */
function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = fs
    .readFileSync("/proc/stat", "utf8")
    .split("\n")[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100; // USER_HZ is 100 on Linux
}

async function main() {
  await import("@/lib/runner/server-runner"); // loaded outside the measurement, as the throughput's clock has it
  const busy = machineBusyMs();
  const { seconds } = await saturatedFastapiRuns();
  const cpuMsPerRun = (machineBusyMs() - busy) / SATURATED_RUNS;
  const sandbox: { closeWarmPool?: () => Promise<void> } = await import("@/lib/runner/sandbox");
  await sandbox.closeWarmPool?.();
  console.log(JSON.stringify({ runsPerSecond: SATURATED_RUNS / seconds, cpuMsPerRun }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
