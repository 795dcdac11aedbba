// Saturated server-engine throughput against an older commit, on the same machine in the same run:
// `npm run bench -- baseline [commit] [rounds]`. The older commit is checked out in a temporary git worktree
// that borrows this checkout's node_modules, generated Prisma clients and Python venv (the frameworks' pins
// have not changed since), and scripts/bench/saturated-run.ts runs in each tree in turn (which goes first
// alternates), so a slow minute on a shared machine lands on both sides. The worktree is removed at the end,
// or on an error; a bench killed by a signal leaves it (`git worktree prune` after deleting its folder).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { heading, percentile, row } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
/** Issue 16's "today": the last commit before its server-run work (two-sandbox grading had landed). */
export const ISSUE_16_BASELINE = "bc811426c61777c08b296bb59a48d04ab69dbd17";

/** One saturated measurement in a tree: runs per second, and the machine's busy CPU per run (all processes). */
function measure(cwd: string): { runsPerSecond: number; cpuMsPerRun: number } {
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/bench/saturated-run.ts"], {
    cwd,
    encoding: "utf8",
    // In this process, not through a job queue: with a PostgreSQL DATABASE_URL, "auto" would wait for workers.
    env: { ...process.env, RUNNER_MODE: "local" },
    timeout: 600_000,
  });
  const line = out.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as { runsPerSecond: number; cpuMsPerRun: number };
}

export async function baselineBench(commit = ISSUE_16_BASELINE, rounds = 5) {
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`Rounds must be a whole number of at least 1, not ${rounds}.`);
  heading(`Server engine, 40 FastAPI submissions at once: this checkout against ${commit.slice(0, 7)}, alternated`);
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${commit}^{commit}`], { cwd: root, stdio: "ignore" });
  } catch {
    throw new Error(`No commit ${commit} in this clone's history (a shallow clone lacks it: git fetch --unshallow).`);
  }
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), "crossroads-baseline-"));
  try {
    execFileSync("git", ["worktree", "add", "--detach", tree, commit], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(tree, "node_modules"));
    fs.symlinkSync(path.join(root, "lib/generated"), path.join(tree, "lib/generated"));
    fs.mkdirSync(path.join(tree, ".runner"), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(root, ".runner/venv")), path.join(tree, ".runner/venv"));
    fs.copyFileSync(path.join(root, "scripts/bench/saturated-run.ts"), path.join(tree, "scripts/bench/saturated-run.ts"));
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Odd rounds measure the reference first, even rounds this checkout first.
      let before, after;
      if (round % 2) {
        before = measure(tree);
        after = measure(root);
      } else {
        after = measure(root);
        before = measure(tree);
      }
      ratios.push(after.runsPerSecond / before.runsPerSecond);
      cpuRatios.push(after.cpuMsPerRun / before.cpuMsPerRun);
      row(
        `round ${round}: ${commit.slice(0, 7)} (reference) / this checkout`,
        `${before.runsPerSecond.toFixed(2)} / ${after.runsPerSecond.toFixed(2)} runs/s (${ratios.at(-1)!.toFixed(2)}x), ` +
          `CPU ${before.cpuMsPerRun.toFixed(0)} / ${after.cpuMsPerRun.toFixed(0)} ms per run`,
      );
    }
    row("ratio, median round", `${percentile(ratios, 50).toFixed(2)}x`);
    // Busy time of the whole machine over the measurement: anything else running lands in it too.
    row("CPU per run, this checkout / reference, median round", percentile(cpuRatios, 50).toFixed(2));
  } finally {
    try {
      execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: root, stdio: "ignore" });
    } catch {
      // never added: only the folder is left
    }
    fs.rmSync(tree, { recursive: true, force: true });
  }
}
