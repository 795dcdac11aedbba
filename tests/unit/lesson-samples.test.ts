import { describe, expect, it } from "vitest";
import { codeSamples, outputMatches } from "@/tests/content/samples";

describe("codeSamples", () => {
  const lesson = [
    "Intro.",
    "```python",
    "print(1)",
    "```",
    "",
    "```text output",
    "1",
    "```",
    "```python",
    "import os",
    "```",
    "```text output-not-run: needs a running PostgreSQL server",
    "ready",
    "```",
    "```python",
    "print(2)",
    "```",
    "```text",
    "2",
    "```",
    "Prose between.",
    "```text",
    "a diagram, not output",
    "```",
    "```text output",
    "no code above it",
    "```",
  ].join("\n");

  it("pairs an output block with the Python block right above it, and flags unmarked and orphaned ones", () => {
    expect(codeSamples(lesson)).toEqual([
      { kind: "output", line: 6, code: "print(1)", output: "1" },
      { kind: "not-run", line: 12, reason: "needs a running PostgreSQL server" },
      { kind: "unmarked", line: 18 },
      { kind: "unmarked", line: 25 },
    ]);
  });
});

describe("outputMatches", () => {
  it("compares line by line, ignoring trailing spaces and trailing blank lines", () => {
    expect(outputMatches("a  \nb\n\n", "a\nb")).toBe(true);
    expect(outputMatches("a\nb", "a\nc")).toBe(false);
    expect(outputMatches("a\nb\nc", "a\nb")).toBe(false);
  });

  it("lets a line of ... stand for any number of lines, none included", () => {
    expect(outputMatches("Traceback:\n  x\n  y\nKeyError: 'a'", "Traceback:\n...\nKeyError: 'a'")).toBe(true);
    expect(outputMatches("start\nend", "start\n...\nend")).toBe(true);
    expect(outputMatches("start\nmiddle", "start\n...\nend")).toBe(false);
  });
});
