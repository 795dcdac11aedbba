// The verdict of a testing exercise (kind: tests), computed outside the learner's code in both engines.
// No server imports: the browser engine uses it too.
//
// The learner's tests ran once against each authored app (the working one and broken copies), each
// time in a fresh process that could not tell which app it faced. Each run reports, per test, pass or
// not: a claim the learner's code could forge. A verdict is a pass only when the claims fit every app
// at once: every test passes against the working app, and at least one fails against each broken
// copy. Claims made without looking at the app (random, or the same every time) fit with probability
// at most 1/2^(number of apps) (docs/decisions/0005-sandbox.md).
import { z } from "zod";
import type { CheckResult, RunResult, TestedApp } from "@/lib/runner/types";

const Text = z.string().max(20_000);

/** What scripts/python/run_learner_tests.py prints: validated, since the learner's code can print anything. */
export const LearnerReportSchema = z.object({
  tests: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        outcome: z.enum(["pass", "fail", "error"]),
        message: Text,
        output: Text,
      }),
    )
    .max(200),
  error: z.object({ message: Text, traceback: Text }).nullable(),
  output: Text,
});
export type LearnerReport = z.infer<typeof LearnerReportSchema>;

/** One app's run: the learner's report, or why there is none (the tests' process crashed or exited early). */
export interface AppRun {
  app: Pick<TestedApp, "name" | "description">;
  report?: LearnerReport;
  problem?: string;
}

/** The last line of the learner's process's stdout as a report, or undefined when it is not one. */
export function parseLearnerReport(stdout: string): LearnerReport | undefined {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    const parsed = LearnerReportSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const WORKING_APP = "working";
/** At least this many broken copies per exercise (the content loader enforces it). */
export const MIN_BROKEN_APPS = 3;

/**
 * Said when a test that fails against the working app likely fails because of the app's data (see
 * likelyDataProblem). Each run of an authored app starts from other data (apps/working.py seeds it at
 * random on import: older rows, ids that start past 1), so a test that hard-codes an id or a number of
 * rows fails there even when the app is right.
 */
export const FRESH_DATA =
  "The app is not empty when your tests start and its ids do not start at 1; both change from run to run. If a test uses a fixed id or counts on a fixed number of items, make it use the id and data the app returned instead.";

/** The learner's code where a test stopped: the runner ends its message with "(main.py line N: CODE)". */
function failedCode(message: string): string {
  const at = message.lastIndexOf("(main.py line ");
  if (at < 0) return "";
  return message
    .slice(at)
    .replace(/^\(main\.py line \d+: /, "")
    .replace(/\)$/, "");
}

/**
 * Whether a test's failure against the working app likely comes from the app's data, not from a wrong
 * expectation about its behaviour: the same test passed on another run of the working app, or the line
 * where it stopped counts on data (a whole number that is not an HTTP status, such as an id in a URL or
 * `"id": 1`; an empty list or dict; len() or .count(); an empty-state text such as "No notes yet.").
 */
export function likelyDataProblem(name: string, workingRuns: AppRun[]): boolean {
  const outcomes = workingRuns.map((r) => r.report?.tests.find((t) => t.name === name));
  if (outcomes.some((t) => t?.outcome === "pass") && outcomes.some((t) => t && t.outcome !== "pass")) return true;
  return outcomes.some((t) => {
    if (!t || t.outcome === "pass") return false;
    const code = failedCode(t.message);
    const numbers = [...code.matchAll(/(?<![\w.])\d+(?![\w.])/g)].map((m) => Number(m[0]));
    return (
      numbers.some((n) => n < 100 || n > 599) ||
      /==\s*(\[\s*\]|\{\s*\})|\blen\(|\.count\(/.test(code) ||
      /\bno \w+ yet\b|\bempty\b/i.test(code)
    );
  });
}

function check(name: string, title: string, status: CheckResult["status"], message: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { name, title, status, message, traceback: "", output: "", ...extra };
}

function testOutput(report: LearnerReport): string {
  const parts = [report.output, ...report.tests.filter((t) => t.output.trim()).map((t) => `--- ${t.name}\n${t.output}`)];
  return parts.filter((p) => p.trim()).join("\n");
}

function sameTests(a: LearnerReport, b: LearnerReport): boolean {
  return a.tests.map((t) => t.name).join("\n") === b.tests.map((t) => t.name).join("\n");
}

/** The run's result from every app's report. Throws if no app is named "working" (a content error). */
export function testsVerdict(runs: AppRun[]): Omit<RunResult, "engine" | "durationMs"> {
  const workingRuns = runs.filter((r) => r.app.name === WORKING_APP);
  const working = workingRuns[0];
  if (!working) throw new Error("A testing exercise needs an app named working");
  const broken = runs.filter((r) => r.app.name !== WORKING_APP).sort((a, b) => a.app.name.localeCompare(b.app.name));
  const base = working.report;
  if (base?.error) {
    return {
      status: "error",
      phase: "import",
      message: `Your test file stopped with an error before any test ran: ${base.error.message}`,
      traceback: base.error.traceback,
      output: base.output,
      checks: [],
    };
  }
  const checks: CheckResult[] = [];
  const title = "Your tests pass against a working app";
  if (!base) {
    checks.push(check("working", title, "error", working.problem ?? "Your tests did not report any result."));
  } else if (base.tests.length === 0) {
    checks.push(
      check("working", title, "fail", "No tests ran: write functions whose names start with test_, each taking the `client` argument.", {
        expected: "def test_something(client): ...",
        actual: "no test functions in your file",
      }),
    );
  } else {
    const failing = base.tests.filter((t) => t.outcome !== "pass");
    const missing = workingRuns.find((r) => !r.report);
    const unsteady = workingRuns.filter(
      (r) => r.report && (!sameTests(r.report, base) || r.report.tests.some((t) => t.outcome !== "pass")),
    );
    if (failing.length > 0) {
      checks.push(
        check(
          "working",
          title,
          "fail",
          `These tests fail against the working app, so they expect something the app does not do: ${failing.map((t) => t.name).join(", ")}.` +
            (failing.some((t) => likelyDataProblem(t.name, workingRuns)) ? ` ${FRESH_DATA}` : ""),
          { expected: "every test passes", actual: failing.map((t) => `${t.name}: ${t.message}`).join("\n"), output: testOutput(base) },
        ),
      );
    } else if (missing) {
      checks.push(check("working", title, "error", missing.problem ?? "Your tests did not report any result."));
    } else if (unsteady.length > 0) {
      checks.push(
        check(
          "working",
          title,
          "fail",
          `Your tests met the working app more than once and did not pass every time: a test must give the same answer whenever it meets the same app.` +
            (base.tests.some((t) => likelyDataProblem(t.name, workingRuns))
              ? ` ${FRESH_DATA}`
              : unsteady.some((r) => r.report && !sameTests(r.report, base))
                ? " Here the tests themselves were not the same each time: keep their names (and @pytest.mark.parametrize cases) fixed."
                : ""),
          {
            expected: `every test passes on each of the ${workingRuns.length} runs`,
            actual: `${unsteady.length} of them had failing tests`,
          },
        ),
      );
    } else {
      checks.push(check("working", title, "pass", `${base.tests.length} tests passed.`));
    }
  }
  for (const run of broken) {
    const name = `catches_${run.app.name}`;
    const catchTitle = `Your tests catch: ${run.app.description}`;
    const report = run.report;
    if (!report) {
      checks.push(check(name, catchTitle, "error", run.problem ?? "Your tests did not report any result."));
    } else if (report.error) {
      checks.push(check(name, catchTitle, "error", `Your test file stopped with an error: ${report.error.message}`));
    } else if (!base || !sameTests(report, base)) {
      checks.push(check(name, catchTitle, "error", "Your tests did not run the same way against every app: make each run do the same."));
    } else if (report.tests.length === 0) {
      checks.push(check(name, catchTitle, "fail", "No tests ran."));
    } else {
      const caughtBy = report.tests.filter((t) => t.outcome !== "pass");
      checks.push(
        caughtBy.length > 0
          ? check(name, catchTitle, "pass", `Caught by ${caughtBy.map((t) => t.name).join(", ")}.`)
          : check(
              name,
              catchTitle,
              "fail",
              `All ${report.tests.length} of your tests passed against an app with this bug. Add an assertion that fails when the app ${run.app.description.replace(/\.$/, "")}.`,
              { expected: "at least one test fails", actual: "every test passed" },
            ),
      );
    }
  }
  const status = checks.every((c) => c.status === "pass") ? "pass" : checks.some((c) => c.status === "fail") ? "fail" : "error";
  return { status, phase: "checks", message: "", traceback: "", output: base ? testOutput(base) : "", checks };
}

/**
 * How many times the learner's tests meet the working app, among the broken copies. An honest test
 * answers the same every time; a guess must pass every meeting with the working app and fail each
 * broken copy, which with 3 meetings and k broken copies succeeds at best with p^3(1-p)^k at
 * p = 3/(3+k): 1 in 119 for 4 broken copies (docs/decisions/0005-sandbox.md).
 */
export const WORKING_RUNS = 3;

/** Every run to make, in random order: the working app WORKING_RUNS times, each broken copy once. */
export function runOrder<T extends { name: string }>(apps: T[]): T[] {
  const working = apps.filter((app) => app.name === WORKING_APP);
  return shuffledApps([...apps, ...Array.from({ length: WORKING_RUNS - 1 }, () => working).flat()]);
}

/** A new array with the apps in random order: each run meets them in another order. */
export function shuffledApps<T>(apps: T[]): T[] {
  const copy = [...apps];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = globalThis.crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
