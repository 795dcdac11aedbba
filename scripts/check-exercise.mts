// Author tool: runs exercises' reference solution, starter, alternatives/ and wrong/ solutions in the
// engines learners get, and says which behave as they must (solution and alternatives pass, starter
// and wrong solutions fail). The content tests assert the same; this prints every check's outcome.
//
//   npx tsx --conditions=react-server scripts/check-exercise.mts [exercise-id or lessons/... path ...] [--server-only]
//
// Runs the server engine always (it grades submissions) and Pyodide for browser-engine exercises.
import path from "node:path";
import { contentRoot, loadCourseFrom, type Exercise } from "@/lib/content/load";
import { closeWarmPool, runInSandbox } from "@/lib/runner/sandbox";
import type { RunResult } from "@/lib/runner/types";
import { NodePyodideSession } from "@/tests/support/pyodide-node";

const args = process.argv.slice(2);
const serverOnly = args.includes("--server-only");
const wanted = args.filter((a) => !a.startsWith("--"));
const course = loadCourseFrom(contentRoot());
const matches = (e: Exercise) =>
  wanted.length === 0 ||
  wanted.some(
    (w) =>
      w === e.id ||
      (path.resolve(w).includes(path.join(e.trackId, "")) && path.resolve(w).includes(course.lessons.get(e.lessonId)?.folder ?? "\0")),
  );
const exercises = [...course.exercises.values()].filter(matches);
const session = new NodePyodideSession();

function describe(result: RunResult): string {
  const lines = [`${result.status} (${result.phase}, ${result.durationMs} ms) ${result.message}`];
  if (result.traceback) lines.push(result.traceback.trim().split("\n").slice(-4).join("\n"));
  for (const c of result.checks) {
    lines.push(`    [${c.status}] ${c.title}${c.message ? ` - ${c.message}` : ""}`);
    if (c.status !== "pass" && c.actual) lines.push(`        got: ${c.actual.split("\n").slice(0, 3).join(" | ")}`);
  }
  for (const h of result.hints ?? []) lines.push(`    hint [${h.rule}] line ${h.line ?? "-"}: ${h.message.slice(0, 100)}...`);
  return lines.join("\n");
}

let problems = 0;
for (const exercise of exercises) {
  const variants: [string, string, boolean][] = [
    ["solution.py", exercise.solution, true],
    ["starter.py", exercise.starter, false],
    ...Object.entries(exercise.alternatives).map(([n, c]): [string, string, boolean] => [`alternatives/${n}`, c, true]),
    ...Object.entries(exercise.wrong).map(([n, c]): [string, string, boolean] => [`wrong/${n}`, c, false]),
  ];
  console.log(`\n== ${exercise.id} (${exercise.engine})`);
  for (const [name, code, shouldPass] of variants) {
    const request = { code, checks: exercise.checks, tests: exercise.tests, support: course.support };
    const engines: [string, () => Promise<RunResult>][] = [["server", () => runInSandbox(request)]];
    if (exercise.engine === "browser" && !serverOnly) engines.push(["browser", () => session.run(request)]);
    for (const [engine, run] of engines) {
      const result = await run();
      const ok = shouldPass ? result.status === "pass" : result.status !== "pass" && result.phase !== "engine";
      if (!ok) problems++;
      console.log(`  ${ok ? "ok " : "BAD"} ${engine.padEnd(7)} ${name} should ${shouldPass ? "pass" : "fail"}: ${describe(result)}`);
    }
  }
}
console.log(`\n${exercises.length} exercises, ${problems} problem(s)`);
await closeWarmPool();
process.exit(problems ? 1 : 0);
