import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeChooserAnswers,
  decodeChooserResult,
  decodeQuestionIds,
  decodeQuizAnswers,
  decodeQuizResults,
  decodeRunResult,
} from "@/lib/records";
import type { RunResult } from "@/lib/runner/types";

const run: RunResult = {
  status: "fail",
  phase: "checks",
  message: "1 of 2 checks failed",
  traceback: "",
  output: "hello\n",
  checks: [
    { name: "check_ok", title: "It answers", status: "pass", message: "", traceback: "", output: "" },
    {
      name: "check_404",
      title: "Unknown ids get 404",
      status: "fail",
      message: "got 200",
      traceback: "",
      output: "",
      request: "GET /items/9",
      expected: "404",
      actual: "200",
    },
  ],
  engine: "server",
  durationMs: 812,
};

describe("stored JSON decoders", () => {
  it("read back what was written", () => {
    expect(decodeRunResult(JSON.stringify(run))).toEqual(run);
    expect(decodeQuestionIds('["q1","q2"]')).toEqual(["q1", "q2"]);
    expect(decodeQuizAnswers('{"q1":"a","q2":["b","c"]}')).toEqual({ q1: "a", q2: ["b", "c"] });
    expect(decodeQuizResults('[{"questionId":"q1","correct":true,"credit":1}]')).toEqual([{ questionId: "q1", correct: true }]);
    expect(decodeChooserAnswers('{"project-type":"json-api"}')).toEqual({ "project-type": "json-api" });
  });

  it("read old and damaged rows as the nearest safe value", () => {
    // A check stored before titles existed shows its name; an empty result reads as an error with no checks.
    expect(decodeRunResult('{"status":"pass","checks":[{"name":"check_ok","status":"pass"}]}').checks[0]).toMatchObject({
      title: "check_ok",
      message: "",
    });
    expect(decodeRunResult("{}")).toMatchObject({ status: "error", message: "", checks: [] });
    // Hints (RunHint) are kept only when well formed: text, a rule name, a positive line or null.
    const hinted = decodeRunResult(
      JSON.stringify({
        ...run,
        hints: [{ rule: "len-plus-one-id", line: 4, message: "Use a counter." }, { rule: "x", line: "4", message: 1 }, "x"],
      }),
    );
    expect(hinted.hints).toEqual([{ rule: "len-plus-one-id", line: 4, message: "Use a counter." }]);
    expect(decodeRunResult(JSON.stringify({ ...run, hints: "x" })).hints).toBeUndefined();
    expect(decodeQuestionIds('{"q1":"a"}')).toBeNull();
    expect(decodeQuizAnswers('{"q1":"a","q2":7}')).toEqual({ q1: "a" });
    expect(decodeQuizResults('[{"questionId":"q1"},{"questionId":"q2","correct":false},"x"]')).toEqual([
      { questionId: "q2", correct: false },
    ]);
    expect(decodeChooserResult('{"recommendation":"rails"}')).toBeNull();
  });

  it("never throw, whatever the column holds", () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom("null", "[]", "{}", '{"checks":[null,1,"x",{}]}', '[{"toString":false}]'),
    );
    fc.assert(
      fc.property(text, (value) => {
        decodeRunResult(value);
        decodeQuestionIds(value);
        decodeQuizAnswers(value);
        decodeQuizResults(value);
        decodeChooserAnswers(value);
        decodeChooserResult(value);
      }),
      { numRuns: 300 },
    );
    expect(decodeRunResult(null).status).toBe("error");
  });
});
