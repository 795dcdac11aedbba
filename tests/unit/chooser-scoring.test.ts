import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ChooserInputError, scoreChooser, type LearnerRecord } from "@/lib/chooser/scoring";
import { ChooserFileSchema, type ChooserFile } from "@/lib/content/schema";

const real = ChooserFileSchema.parse(parse(fs.readFileSync(path.join(import.meta.dirname, "../../lessons/chooser.yaml"), "utf8")));

// A tiny questionnaire whose numbers are easy to follow by hand.
const small: ChooserFile = {
  tieMargin: 0.1,
  questions: [
    { id: "kind", prompt: "Kind?", options: [
      { id: "site", label: "Site", evidence: [{ framework: "django", weight: 2, reason: "Django for sites." }, { framework: "fastapi", weight: -1, reason: "Not an API." }] },
      { id: "api", label: "API", evidence: [{ framework: "fastapi", weight: 2, reason: "FastAPI for APIs." }] },
    ] },
    { id: "style", prompt: "Style?", options: [
      { id: "free", label: "Free", evidence: [{ framework: "flask", weight: 2, reason: "Flask is free-form." }] },
      { id: "none", label: "No preference", evidence: [] },
    ] },
    ...Array.from({ length: 6 }, (_, i) => ({ id: `filler-${i}`, prompt: "Filler", options: [{ id: "a", label: "A", evidence: [] }, { id: "b", label: "B", evidence: [] }] })),
  ],
  record: {
    quizMastery: { weight: 2, reason: "You mastered {mastered} of {total} {track} quizzes." },
    exerciseSuccess: { weight: 2, reason: "You solved {solved} of {total} {track} exercises." },
    trackCompleted: { weight: 1, reason: "You completed the {track} track." },
  },
};

describe("the chooser's scoring (lessons/chooser.yaml)", () => {
  it("recommends Django for a large content site with an admin, built by a small team new to Python", () => {
    const result = scoreChooser(real, {
      "project-type": "content-site",
      "project-size": "large",
      "team-experience": "new",
      batteries: "need-all",
      rendering: "pages",
      conventions: "conventions",
      timeline: "days",
    });
    expect(result.recommendation).toBe("django");
    expect(result.confidence).toBe("clear");
    expect(result.reasons.django.for[0].reason).toMatch(/admin|conventions|ORM/);
  });

  it("recommends FastAPI for a JSON API serving an ML model under high concurrency", () => {
    const result = scoreChooser(real, {
      "project-type": "ml-service",
      rendering: "api-only",
      concurrency: "high-io",
      batteries: "none",
      conventions: "typed",
    });
    expect(result.recommendation).toBe("fastapi");
    expect(result.reasons.django.against.length).toBeGreaterThan(0);
  });

  it("recommends Flask for a small prototype with custom parts and freedom", () => {
    const result = scoreChooser(real, {
      "project-type": "prototype",
      "project-size": "small",
      conventions: "freedom",
      batteries: "none",
      "learning-goal": "fundamentals",
      rendering: "pages",
    });
    expect(result.recommendation).toBe("flask");
  });

  it("is deterministic", () => {
    const answers = { "project-type": "json-api", "team-experience": "some" };
    expect(scoreChooser(real, answers)).toEqual(scoreChooser(real, answers));
  });
});

describe("scoring rules", () => {
  it("adds each answer's weights and lists reasons for and against", () => {
    const result = scoreChooser(small, { kind: "site", style: "free" });
    expect(result.scores).toEqual({ flask: 2, django: 2, fastapi: -1 });
    expect(result.reasons.fastapi.against.map((e) => e.reason)).toEqual(["Not an API."]);
  });

  it("reports a tie when the top two are level, and picks deterministically", () => {
    const result = scoreChooser(small, { kind: "site", style: "free" });
    expect(result.confidence).toBe("tie");
    expect(result.ranking.slice(0, 2).sort()).toEqual(["django", "flask"]);
    expect(result.recommendation).toBe(scoreChooser(small, { style: "free", kind: "site" }).recommendation);
  });

  it("handles missing answers: scores without them and names them", () => {
    const result = scoreChooser(small, { kind: "api" });
    expect(result.recommendation).toBe("fastapi");
    expect(result.unanswered).toContain("style");
    expect(scoreChooser(small, {}).confidence).toBe("tie");
  });

  it("lets the learner's record change a close call, and shows it separately", () => {
    const answers = { kind: "site", style: "free" };
    const record: LearnerRecord = { flask: { quizzesMastered: 8, quizTotal: 10, exercisesSolved: 4, exerciseTotal: 8, trackCompleted: false } };
    const withRecord = scoreChooser(small, answers, record);
    expect(withRecord.recommendation).toBe("flask");
    expect(withRecord.answerScores.flask).toBe(2);
    expect(withRecord.recordScores.flask).toBeCloseTo(2 * 0.8 + 2 * 0.5);
    expect(withRecord.recordEvidence.map((e) => e.reason)).toEqual(["You mastered 8 of 10 Flask quizzes.", "You solved 4 of 8 Flask exercises."]);
    const djangoRecord = scoreChooser(small, answers, { django: { quizzesMastered: 1, quizTotal: 10, exercisesSolved: 0, exerciseTotal: 8, trackCompleted: true } });
    expect(djangoRecord.recommendation).toBe("django");
  });

  it.each([
    [{ "no-such-question": "a" }, 'There is no question "no-such-question"'],
    [{ kind: "spaceship" }, '"spaceship" is not one of the answers to "Kind?"'],
  ])("rejects invalid input %j with a clear message", (answers, message) => {
    expect(() => scoreChooser(small, answers)).toThrow(ChooserInputError);
    expect(() => scoreChooser(small, answers)).toThrow(message);
  });
});
