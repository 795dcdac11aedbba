import { describe, expect, it } from "vitest";
import {
  FRESH_DATA,
  likelyDataProblem,
  parseLearnerReport,
  runOrder,
  shuffledApps,
  testsVerdict,
  WORKING_RUNS,
  type AppRun,
  type LearnerReport,
} from "@/lib/runner/tests-verdict";

// The verdict of a testing exercise comes from the learner's reports about apps it could not tell apart:
// only claims that fit every app at once pass.
const APPS = [
  { name: "working", description: "" },
  { name: "answers_200", description: "answers 200 instead of 201" },
  { name: "drops_title", description: "answers without the title" },
  { name: "missing_500", description: "crashes with 500 for a missing task" },
];

function report(outcomes: Record<string, "pass" | "fail" | "error">): LearnerReport {
  return {
    tests: Object.entries(outcomes).map(([name, outcome]) => ({
      name,
      outcome,
      message: outcome === "pass" ? "" : "assert failed",
      output: "",
    })),
    error: null,
    output: "",
  };
}

function runs(byApp: Record<string, Record<string, "pass" | "fail" | "error">>): AppRun[] {
  return APPS.map((app) => ({ app, report: report(byApp[app.name]) }));
}

describe("testsVerdict", () => {
  it("passes when every test passes on the working app and some test fails on each broken one", () => {
    const result = testsVerdict(
      runs({
        working: { test_create: "pass", test_missing: "pass" },
        answers_200: { test_create: "fail", test_missing: "pass" },
        drops_title: { test_create: "error", test_missing: "pass" },
        missing_500: { test_create: "pass", test_missing: "fail" },
      }),
    );
    expect(result.status).toBe("pass");
    expect(result.checks.map((c) => c.title)).toEqual([
      "Your tests pass against a working app",
      "Your tests catch: answers 200 instead of 201",
      "Your tests catch: answers without the title",
      "Your tests catch: crashes with 500 for a missing task",
    ]);
    expect(result.checks[1].message).toBe("Caught by test_create.");
  });

  it("fails a claim that is the same for every app, whatever it says", () => {
    const allPass = { test_create: "pass", test_missing: "pass" } as const;
    const same = testsVerdict(runs({ working: allPass, answers_200: allPass, drops_title: allPass, missing_500: allPass }));
    expect(same.status).toBe("fail");
    expect(same.checks.filter((c) => c.status === "fail").map((c) => c.name)).toEqual([
      "catches_answers_200",
      "catches_drops_title",
      "catches_missing_500",
    ]);
    const oneFails = { test_create: "fail", test_missing: "pass" } as const;
    expect(testsVerdict(runs({ working: oneFails, answers_200: oneFails, drops_title: oneFails, missing_500: oneFails })).status).toBe(
      "fail",
    );
  });

  it("fails tests that fail against the working app, naming them", () => {
    const result = testsVerdict(
      runs({
        working: { test_create: "pass", test_missing: "fail" },
        answers_200: { test_create: "fail", test_missing: "fail" },
        drops_title: { test_create: "fail", test_missing: "fail" },
        missing_500: { test_create: "fail", test_missing: "fail" },
      }),
    );
    expect(result.status).toBe("fail");
    expect(result.checks[0].message).toContain("test_missing");
    // Nothing points at the app's data: the message does not blame it.
    expect(result.checks[0].message).not.toContain(FRESH_DATA);
  });

  it("says the app's data changes only when the failure likely comes from it", () => {
    const failingWith = (message: string): AppRun[] => {
      const all = runs({
        working: { test_create: "fail" },
        answers_200: { test_create: "fail" },
        drops_title: { test_create: "fail" },
        missing_500: { test_create: "fail" },
      });
      all[0].report!.tests[0].message = message;
      return all;
    };
    const hint = (message: string) => testsVerdict(failingWith(message)).checks[0].message.includes(FRESH_DATA);
    // A fixed id, a count, an empty list: the data.
    expect(hint('assert failed (main.py line 7: assert response.get_json() == {"id": 1, "title": "Read"})')).toBe(true);
    expect(hint('ValueError: not JSON (main.py line 9: assert client.get("/notes/1/").json()["text"] == "Milk")')).toBe(true);
    expect(hint("assert failed (main.py line 4: assert len(response.json()) == 3)")).toBe(true);
    expect(hint('assert failed (main.py line 4: assert page.count("<li>") == 1)')).toBe(true);
    expect(hint("assert failed (main.py line 4: assert response.json() == [])")).toBe(true);
    expect(hint('assert failed (main.py line 18: assert "No notes yet." in client.get("/notes/").content.decode())')).toBe(true);
    // A status code, a text, a price or the line number: not the data.
    expect(hint("assert failed (main.py line 15: assert response.status_code == 200)")).toBe(false);
    expect(hint('assert failed (main.py line 21: assert "Milk & eggs" in response.content.decode())')).toBe(false);
    expect(hint('assert failed (main.py line 21: assert item["price"] == 2.5)')).toBe(false);
    expect(hint("assert failed")).toBe(false);
    // The same test passed on another run of the working app: the data differed between runs.
    const flipped = failingWith("assert failed (main.py line 15: assert response.status_code == 200)");
    const passing = { app: APPS[0], report: report({ test_create: "pass" }) };
    expect(likelyDataProblem("test_create", [flipped[0], passing])).toBe(true);
    expect(testsVerdict([...flipped, passing]).checks[0].message).toContain(FRESH_DATA);
  });

  it("is an error when a run left no report (the learner's code exited early), never a pass", () => {
    const all = runs({
      working: { test_a: "pass" },
      answers_200: { test_a: "fail" },
      drops_title: { test_a: "fail" },
      missing_500: { test_a: "fail" },
    });
    all[2] = { app: APPS[2], problem: "Your tests' process ended without a report" };
    const result = testsVerdict(all);
    expect(result.status).toBe("error");
    expect(result.checks[2].status).toBe("error");
  });

  it("is an error when the tests differ between runs", () => {
    const result = testsVerdict(
      runs({
        working: { test_a: "pass" },
        answers_200: { test_b: "fail" },
        drops_title: { test_a: "fail" },
        missing_500: { test_a: "fail" },
      }),
    );
    expect(result.status).toBe("error");
    expect(result.checks[1].status).toBe("error");
  });

  it("fails tests that do not pass every time they meet the working app (a guess), and is an error when one of those runs left no report", () => {
    const honest = {
      working: { test_a: "pass" },
      answers_200: { test_a: "fail" },
      drops_title: { test_a: "fail" },
      missing_500: { test_a: "fail" },
    } as const;
    const again = { app: APPS[0], report: report({ test_a: "pass" }) };
    expect(testsVerdict([...runs(honest), again, again]).status).toBe("pass");
    const guessed = testsVerdict([...runs(honest), again, { app: APPS[0], report: report({ test_a: "fail" }) }]);
    expect(guessed.status).toBe("fail");
    expect(guessed.checks[0]).toMatchObject({ name: "working", status: "fail" });
    expect(guessed.checks[0].message).toContain("same answer");
    expect(guessed.checks[0].message).toContain(FRESH_DATA);
    // Tests whose names change from run to run hear about that, not about the data.
    const renamed = testsVerdict([...runs(honest), again, { app: APPS[0], report: report({ test_b: "pass" }) }]);
    expect(renamed.checks[0].status).toBe("fail");
    expect(renamed.checks[0].message).not.toContain(FRESH_DATA);
    expect(renamed.checks[0].message).toContain("not the same each time");
    const lost = testsVerdict([...runs(honest), again, { app: APPS[0], problem: "Your tests' process ended without a report" }]);
    expect(lost.checks[0]).toMatchObject({ name: "working", status: "error" });
  });

  it("fails a file without tests", () => {
    const empty = { working: {}, answers_200: {}, drops_title: {}, missing_500: {} };
    const result = testsVerdict(runs(empty));
    expect(result.status).toBe("fail");
    expect(result.checks[0].message).toContain("No tests ran");
  });

  it("reports an import error of the test file as an error of the import phase", () => {
    const all = runs({ working: {}, answers_200: {}, drops_title: {}, missing_500: {} });
    all[0] = { app: APPS[0], report: { tests: [], error: { message: "NameError: x", traceback: "..." }, output: "" } };
    const result = testsVerdict(all);
    expect(result).toMatchObject({ status: "error", phase: "import" });
  });
});

describe("parseLearnerReport", () => {
  it("reads the last line when it is a well-formed report, and nothing else", () => {
    const good = JSON.stringify(report({ test_a: "pass" }));
    expect(parseLearnerReport(`noise\n${good}\n`)?.tests[0].name).toBe("test_a");
    expect(parseLearnerReport(`${good}\nnoise`)).toBeUndefined();
    expect(parseLearnerReport(JSON.stringify({ status: "pass", checks: [] }))).toBeUndefined();
    expect(parseLearnerReport(JSON.stringify({ tests: [{ name: "t", outcome: "passed" }], error: null, output: "" }))).toBeUndefined();
  });
});

describe("runOrder", () => {
  it("meets the working app WORKING_RUNS times and each broken copy once", () => {
    const names = runOrder(APPS).map((a) => a.name);
    expect(names.filter((n) => n === "working")).toHaveLength(WORKING_RUNS);
    expect(names.filter((n) => n !== "working").sort()).toEqual(["answers_200", "drops_title", "missing_500"]);
  });
});

describe("shuffledApps", () => {
  it("keeps every app and does not always keep the order", () => {
    const names = APPS.map((a) => a.name);
    const orders = new Set(Array.from({ length: 50 }, () => shuffledApps(names).join(",")));
    for (const order of orders) expect(order.split(",").sort()).toEqual([...names].sort());
    expect(orders.size).toBeGreaterThan(1);
  });
});
