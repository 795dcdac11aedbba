import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom, type Exercise } from "@/lib/content/load";
import { needsFreshInterpreter, runInPyodide, type PyodideLike } from "@/lib/runner/browser/run-in-pyodide";
import { harnessSource, nodePyodide } from "@/tests/support/pyodide-node";

// Every browser-engine exercise, in Pyodide as learners run it: the reference solution passes every
// check and the starter fails at least one. One interpreter is shared by Flask exercises; Django
// exercises each get a fresh one (Django's settings can be configured once per interpreter).
const course = loadCourseFrom(contentRoot());
const fixture = loadCourseFrom(path.join(import.meta.dirname, "../fixtures/content"));
const exercises = [...fixture.exercises.values(), ...course.exercises.values()].filter((e) => e.engine === "browser");

let shared: Promise<PyodideLike> | undefined;

async function check(exercise: Exercise, support: Record<string, string>) {
  const fresh = needsFreshInterpreter({ code: exercise.solution + exercise.starter, checks: exercise.checks });
  const pyodide = fresh ? await nodePyodide() : await (shared ??= nodePyodide());
  const solution = await runInPyodide(pyodide, harnessSource, { code: exercise.solution, checks: exercise.checks, support });
  const starterPyodide = fresh ? await nodePyodide() : pyodide;
  const starter = await runInPyodide(starterPyodide, harnessSource, { code: exercise.starter, checks: exercise.checks, support });
  return { solution, starter };
}

describe("browser-engine exercises in Pyodide", () => {
  it.each(exercises.map((e) => [e.id, e] as const))("%s: the solution passes and the starter fails", async (_id, exercise) => {
    const { solution, starter } = await check(exercise, course.support);
    const failures = solution.checks.filter((c) => c.status !== "pass").map((c) => `${c.title}: ${c.message}`);
    expect(solution.status, `${solution.message}\n${solution.traceback}\n${failures.join("\n")}`).toBe("pass");
    expect(starter.status).not.toBe("pass");
    expect(starter.checks.length + (starter.phase === "import" ? 1 : 0)).toBeGreaterThan(0);
  }, 120_000);
});
