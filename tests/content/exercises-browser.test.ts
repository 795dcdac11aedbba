import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom, type Exercise } from "@/lib/content/load";
import type { RunResult } from "@/lib/runner/types";
import { NodePyodideSession } from "@/tests/support/pyodide-node";

// Every browser-engine exercise in Pyodide, run as learners' browsers run it (same bundle, same
// run code as the worker): the reference solution passes every check, the starter runs and fails
// at least one. Exercises come through the content loader, as the app serves them, plus the test
// fixture's small Flask exercise. One session for all: Flask exercises share an interpreter, and
// each Django run leaves its interpreter spent, so the next run gets a fresh one (as in the worker).
const course = loadCourseFrom(contentRoot());
const fixture = loadCourseFrom(path.join(import.meta.dirname, "../fixtures/content"));
const usesDjango = (e: Exercise) => /\bdjango/.test(e.solution + e.checks);
const exercises = [...fixture.exercises.values(), ...course.exercises.values()]
  .filter((e) => e.engine === "browser")
  .sort((a, b) => Number(usesDjango(a)) - Number(usesDjango(b)));
const session = new NodePyodideSession();

function explain(result: RunResult): string {
  const checks = result.checks.map((c) => `  ${c.status}: ${c.title} ${c.message}\n${c.traceback}`);
  return [`${result.status} (${result.phase}) ${result.message}`, result.traceback, ...checks, result.output].join("\n");
}

describe("browser-engine exercises in Pyodide", () => {
  it("there are browser exercises to check", () => {
    expect(exercises.filter((e) => !fixture.exercises.has(e.id)).length).toBeGreaterThan(0);
  });

  it.each(exercises.map((e) => [e.id, e] as const))("%s: the solution passes and the starter fails", async (_id, exercise) => {
    const support = course.support;
    const solution = await session.run({ code: exercise.solution, checks: exercise.checks, support });
    expect(solution.status, explain(solution)).toBe("pass");
    expect(solution.checks.length).toBeGreaterThan(0);
    const starter = await session.run({ code: exercise.starter, checks: exercise.checks, support });
    expect(starter.phase, explain(starter)).not.toBe("engine");
    expect(starter.status, explain(starter)).not.toBe("pass");
  }, 180_000);
});
