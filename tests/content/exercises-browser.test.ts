import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom, type Exercise } from "@/lib/content/load";
import type { RunResult } from "@/lib/runner/types";
import { NodePyodideSession } from "@/tests/support/pyodide-node";

// Every browser-engine exercise in Pyodide, run as learners' browsers run it (same bundle, same
// run code as the worker): the reference solution and the alternatives pass every check, the starter
// and the wrong solutions run and fail at least one. Exercises come through the content loader, as the app serves them, plus the test
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

  it.each(exercises.map((e) => [e.id, e] as const))(
    "%s: solution and alternatives pass, starter and wrong solutions fail",
    async (_id, exercise) => {
      const run = (code: string) => session.run({ code, checks: exercise.checks, tests: exercise.tests, support: course.support });
      for (const [name, code] of [["solution.py", exercise.solution], ...Object.entries(exercise.alternatives)]) {
        const result = await run(code);
        expect(result.status, `${name}: ${explain(result)}`).toBe("pass");
        expect(result.checks.length).toBeGreaterThan(0);
      }
      for (const [name, code] of [["starter.py", exercise.starter], ...Object.entries(exercise.wrong)]) {
        const result = await run(code);
        expect(result.phase, `${name}: ${explain(result)}`).not.toBe("engine");
        expect(result.status, `${name}: ${explain(result)}`).not.toBe("pass");
      }
    },
    600_000,
  );
});
