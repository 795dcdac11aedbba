// npm run bench - prints every benchmark's figures. Timings belong here, not in tests.
// Sections: runner (browser and server engines), workers (PostgreSQL job queue, 1 and 2 workers), web
// (production build under load), instructor dashboard (1,000 and 10,000 learners). Run one with
// `npm run bench -- runner|workers|web|dashboard`. Not in the full run: `npm run bench -- baseline [commit]
// [rounds]`, saturated server runs against an older commit (scripts/bench/baseline.ts).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { baselineBench } from "./baseline";
import { runnerBench } from "./runner";
import { webBench } from "./web";
import { workersBench } from "./workers";

const root = path.resolve(import.meta.dirname, "../..");
const only = process.argv[2];
process.env.LOG_LEVEL = "silent";

async function main() {
  console.log(
    `# Crossroads benchmarks (${new Date().toISOString()}, ${process.version}, ${(await import("node:os")).cpus().length} cores)`,
  );
  if (only === "baseline") await baselineBench(process.argv[3] || undefined, process.argv[4] ? Number(process.argv[4]) : undefined);
  if (!only || only === "runner") await runnerBench();
  if (!only || only === "workers") await workersBench();
  if (!only || only === "web") await webBench();
  if (!only || only === "dashboard") {
    for (const learners of ["1000", "10000"]) {
      execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/bench/instructor-dashboard.ts", learners], {
        cwd: root,
        stdio: "inherit",
      });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
