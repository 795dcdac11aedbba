// One saturated-queue measurement of the server engine, in whichever checkout it is run from: 40 FastAPI
// submissions at once through serverRunner.run (queue of RUNNER_CONCURRENCY), with that checkout's own
// defaults. Prints {"runsPerSecond": N}. scripts/bench/baseline.ts copies it into an older commit's checkout
// and runs it there too, so it uses only what every commit since two-sandbox grading has (serverRunner,
// load from ./stats), and keeps its own copy of runner.ts's FastAPI request.
import { load } from "./stats";

const fastapi = {
  code: "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef index():\n    return {'ok': True}\n",
  checks: "def check_ok(client):\n    assert client.get('/').json() == {'ok': True}\n",
  support: {},
};
const RUNS = 40;

async function main() {
  const { serverRunner } = await import("@/lib/runner/server-runner");
  const sandbox: { closeWarmPool?: () => Promise<void> } = await import("@/lib/runner/sandbox");
  const { seconds } = await load(RUNS, RUNS, async () => {
    const result = await serverRunner.run(fastapi);
    if (result.status !== "pass") throw new Error(`FastAPI run failed under load: ${result.message}`);
  });
  await sandbox.closeWarmPool?.();
  console.log(JSON.stringify({ runsPerSecond: RUNS / seconds }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
