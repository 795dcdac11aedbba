import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The framework-aware hints (scripts/python/crossroads_hints.py). The cases live next to the Python tests
// (tests/unit/python/test_crossroads_hints.py); this file runs them once and reports one test per rule.
const SCRIPT = path.join(import.meta.dirname, "python/test_crossroads_hints.py");

interface Report {
  rules: string[];
  cases: Record<string, { positive: string[]; negative: string[] }>;
  quiet: Record<string, string[]>;
  more: Record<string, { rule: string; hit: string[] }>;
  solutions: Record<string, string[]>;
  wrong: Record<string, string[]>;
  expected_wrong: Record<string, string>;
  shape: { rule: string; line: number | null; message: string }[];
}

const report = JSON.parse(execFileSync("python3", [SCRIPT, "--json"], { encoding: "utf8" })) as Report;

describe("crossroads_hints rules", () => {
  it("has at least 25 rules, each with a positive and a negative snippet", () => {
    expect(report.rules.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(report.cases).sort()).toEqual([...report.rules].sort());
  });

  for (const rule of report.rules) {
    it(`${rule}: fires on the mistake, quiet on the correct code`, () => {
      expect(report.cases[rule]?.positive).toContain(rule);
      expect(report.cases[rule]?.negative).toEqual([]);
    });
  }

  it("fires on the other forms of a mistake", () => {
    expect(Object.keys(report.more).length).toBeGreaterThan(0);
    for (const [name, { rule, hit }] of Object.entries(report.more)) expect(hit, name).toContain(rule);
  });

  it("stays quiet on correct code that looks like a mistake", () => {
    for (const [name, hit] of Object.entries(report.quiet)) expect(hit, name).toEqual([]);
  });

  it("gives no hint on any reference solution or alternative of the course", () => {
    expect(Object.keys(report.solutions).length).toBeGreaterThan(50);
    const noisy = Object.entries(report.solutions).filter(([, hit]) => hit.length > 0);
    expect(noisy).toEqual([]);
  });

  it("names the mistake of the course's wrong/ solutions it fits", () => {
    for (const [file, rule] of Object.entries(report.expected_wrong)) expect(report.wrong[file], file).toContain(rule);
  });

  it("reports rule, line and a message saying what to write instead", () => {
    expect(report.shape).toEqual([{ rule: "flask-status-tuple-order", line: 6, message: expect.stringContaining("return body, 201") }]);
  });
});
