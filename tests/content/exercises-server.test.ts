import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom, type Exercise } from "@/lib/content/load";
import { runInSandbox } from "@/lib/runner/sandbox";
import type { RunResult } from "@/lib/runner/types";

// Every exercise in the server engine, which grades every submission: the reference solution and
// each alternatives/ solution pass every check, the starter and each wrong/ solution fail at least
// one (never by an engine error), in the two sandboxes learners' code meets.
const course = loadCourseFrom(contentRoot());
const exercises = [...course.exercises.values()];

function explain(result: RunResult): string {
  const checks = result.checks.map((c) => `  ${c.status}: ${c.title} ${c.message}\n    ${c.request ?? ""}\n    ${c.actual ?? ""}`);
  return [`${result.status} (${result.phase}) ${result.message}`, result.traceback, ...checks, result.output].join("\n");
}

function run(exercise: Exercise, code: string) {
  return runInSandbox({ code, checks: exercise.checks, tests: exercise.tests, support: course.support });
}

describe("exercises in the server sandbox", () => {
  it("there are exercises to check", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(47);
  });

  it.each(exercises.map((e) => [e.id, e] as const))(
    "%s: at least two alternative and two wrong solutions ship with it",
    (_id, exercise) => {
      expect(Object.keys(exercise.alternatives).length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(exercise.wrong).length).toBeGreaterThanOrEqual(2);
    },
  );

  // A guard against a hung run, not a speed target: each run takes a few seconds on a loaded machine, and
  // an exercise can ship twenty files.
  const timeoutFor = (files: number) => 60_000 + files * 20_000;

  for (const exercise of exercises) {
    const passing = [["solution.py", exercise.solution], ...Object.entries(exercise.alternatives)];
    it(
      `${exercise.id}: the solution and the alternatives pass`,
      async () => {
        for (const [name, code] of passing) {
          const result = await run(exercise, code);
          expect(result.status, `${name}: ${explain(result)}`).toBe("pass");
        }
      },
      timeoutFor(passing.length),
    );

    const failing = [["starter.py", exercise.starter], ...Object.entries(exercise.wrong)];
    it(
      `${exercise.id}: the starter and the wrong solutions fail`,
      async () => {
        for (const [name, code] of failing) {
          const result = await run(exercise, code);
          expect(result.phase, `${name}: ${explain(result)}`).not.toBe("engine");
          expect(result.status, `${name}: ${explain(result)}`).not.toBe("pass");
        }
      },
      timeoutFor(failing.length),
    );
  }
});
