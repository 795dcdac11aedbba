import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

// The check sandbox's own HTTP client (scripts/python/run_checks.py). Its cases are Python, beside the hints'
// (tests/unit/python/test_run_checks_http.py): they talk to a fake app on a Unix socket.
const SCRIPT = path.join(import.meta.dirname, "python/test_run_checks_http.py");

it("run_checks.py sends well-formed requests and reads odd or broken answers as the app's failure", () => {
  const run = spawnSync("python3", ["-m", "unittest", "-v", SCRIPT], { encoding: "utf8", timeout: 60_000 });
  const report = run.stderr;
  expect(report, report).toMatch(/^Ran (\d+) tests/m);
  expect(Number(/^Ran (\d+) tests/m.exec(report)?.[1])).toBeGreaterThanOrEqual(10);
  expect(run.status, report).toBe(0);
});
