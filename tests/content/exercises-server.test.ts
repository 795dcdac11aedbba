import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom } from "@/lib/content/load";
import { runInSandbox } from "@/lib/runner/sandbox";

// Every server-engine exercise, in the sandbox learners' code runs in: the reference solution passes
// every check and the starter fails at least one.
const course = loadCourseFrom(contentRoot());
const exercises = [...course.exercises.values()].filter((e) => e.engine === "server");

describe("server-engine exercises in the sandbox", () => {
  it("there are server exercises to check", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(8);
  });

  it.each(exercises.map((e) => [e.id, e] as const))("%s: the solution passes and the starter fails", async (_id, exercise) => {
    const solution = await runInSandbox({ code: exercise.solution, checks: exercise.checks, support: course.support });
    const failures = solution.checks.filter((c) => c.status !== "pass").map((c) => `${c.title}: ${c.message}`);
    expect(solution.status, `${solution.message}\n${solution.traceback}\n${failures.join("\n")}`).toBe("pass");
    const starter = await runInSandbox({ code: exercise.starter, checks: exercise.checks, support: course.support });
    expect(starter.status).not.toBe("pass");
  }, 60_000);
});
