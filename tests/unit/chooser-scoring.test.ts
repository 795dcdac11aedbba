import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  ChooserInputError,
  ChooserNoEvidenceError,
  confidenceFor,
  confidenceLabel,
  rankFrameworks,
  scoreChooser,
  type Answers,
  type Confidence,
  type LearnerRecord,
} from "@/lib/chooser/scoring";
import { ChooserFileSchema, FRAMEWORKS, recordCap, type ChooserFile, type Framework } from "@/lib/content/schema";

const realText = fs.readFileSync(path.join(import.meta.dirname, "../../lessons/chooser.yaml"), "utf8");
const real = ChooserFileSchema.parse(parse(realText));

// A tiny questionnaire whose numbers are easy to follow by hand.
const small: ChooserFile = {
  clearLead: 3,
  questions: [
    {
      id: "kind",
      prompt: "Kind?",
      options: [
        {
          id: "site",
          label: "Site",
          evidence: [
            { framework: "django", weight: 2, reason: "Django for sites." },
            { framework: "fastapi", weight: -1, reason: "Not an API." },
          ],
        },
        { id: "api", label: "API", evidence: [{ framework: "fastapi", weight: 2, reason: "FastAPI for APIs." }] },
      ],
    },
    {
      id: "style",
      prompt: "Style?",
      options: [
        { id: "free", label: "Free", evidence: [{ framework: "flask", weight: 2, reason: "Flask is free-form." }] },
        { id: "strict", label: "Strict", evidence: [{ framework: "django", weight: 3, reason: "Django has conventions." }] },
        { id: "none", label: "No preference", evidence: [], note: "No preference favours none." },
      ],
    },
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `filler-${i}`,
      prompt: "Filler",
      options: [
        { id: "a", label: "A", evidence: [], note: "Neutral." },
        { id: "b", label: "B", evidence: [], note: "Neutral." },
      ],
    })),
  ],
  record: {
    quizMastery: { weight: 1, reason: "You mastered {mastered} of {total} {track} quizzes." },
    exerciseSuccess: { weight: 1, reason: "You solved {solved} of {total} {track} exercises." },
    trackCompleted: { weight: 0.5, reason: "You completed the {track} track." },
  },
};

const fullRecord = (framework: Framework): LearnerRecord => ({
  [framework]: { quizzesMastered: 10, quizTotal: 10, exercisesSolved: 9, exerciseTotal: 9, trackCompleted: true },
});

describe("the chooser's scoring (lessons/chooser.yaml)", () => {
  it("recommends Django for a large content site with an admin, built by a team new to Python", () => {
    const result = scoreChooser(real, {
      "project-type": "content-site",
      "project-size": "large",
      "team-experience": "new",
      admin: "yes",
      batteries: "need-all",
      conventions: "conventions",
    });
    expect(result.recommendation).toBe("django");
    expect(result.confidence).toBe("clear");
    expect(result.reasons.django.for[0].reason).toMatch(/admin/);
  });

  it("recommends FastAPI for an ML model served under high concurrency with a published OpenAPI contract", () => {
    const result = scoreChooser(real, {
      "project-type": "ml-service",
      concurrency: "high-io",
      batteries: "none",
      conventions: "typed",
      "api-contract": "openapi",
    });
    expect(result.recommendation).toBe("fastapi");
    expect(result.confidence).toBe("clear");
    expect(result.reasons.django.against.length).toBeGreaterThan(0);
  });

  it("recommends Flask for a small prototype with custom parts, freedom, and a wish to learn the fundamentals", () => {
    const result = scoreChooser(real, {
      "project-type": "prototype",
      "project-size": "small",
      conventions: "freedom",
      batteries: "none",
      "career-goal": "fundamentals",
    });
    expect(result.recommendation).toBe("flask");
    expect(result.confidence).toBe("clear");
  });

  it("asks about security and compliance, an API contract and the learner's career goal", () => {
    const ids = real.questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(["security", "api-contract", "career-goal"]));
    expect(scoreChooser(real, { security: "regulated" }).recommendation).toBe("django");
    expect(scoreChooser(real, { "api-contract": "openapi" }).recommendation).toBe("fastapi");
    expect(scoreChooser(real, { "career-goal": "api-data-jobs" }).recommendation).toBe("fastapi");
    expect(scoreChooser(real, { "career-goal": "fundamentals" }).recommendation).toBe("flask");
  });

  it("gives the same weight to the same situation: third-party admin panels, OpenAPI add-ons, CPU-heavy work", () => {
    const weights = (questionId: string, optionId: string) => {
      const option = real.questions.find((q) => q.id === questionId)!.options.find((o) => o.id === optionId)!;
      return Object.fromEntries(FRAMEWORKS.map((f) => [f, option.evidence.find((e) => e.framework === f)?.weight ?? 0]));
    };
    // Flask-Admin and SQLAdmin are both third-party: equal weights.
    expect(weights("admin", "yes").flask).toBe(weights("admin", "yes").fastapi);
    // Flask and Django both need an extension to publish OpenAPI: equal weights.
    expect(weights("api-contract", "openapi").flask).toBe(weights("api-contract", "openapi").django);
    // Computation gets no help from async: all three handle it with worker processes.
    expect(weights("concurrency", "cpu-heavy")).toEqual({ flask: 0, django: 0, fastapi: 0 });
  });

  it("counts no fact twice: one question per fact, and no reason repeated", () => {
    const ids = real.questions.map((q) => q.id);
    // The ML-model and HTML-or-API facts live in "project-type" only (review §7: ml-service + ml-model counted twice).
    expect(ids).not.toContain("ml-model");
    expect(ids).not.toContain("rendering");
    const reasons = real.questions.flatMap((q) => q.options.flatMap((o) => o.evidence.map((e) => e.reason)));
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it("matches the figures the compare lessons quote (update the lessons when weights change)", () => {
    const lesson = (folder: string) =>
      fs.readFileSync(path.join(import.meta.dirname, "../../lessons/compare", folder, "lesson.md"), "utf8");
    const club = {
      "project-type": "json-api",
      "project-size": "medium",
      "team-experience": "experienced",
      admin: "yes",
      batteries: "some",
      concurrency: "modest",
      realtime: "yes",
      conventions: "freedom",
      security: "usual",
      "api-contract": "openapi",
    };
    expect(scoreChooser(real, club)).toMatchObject({
      recommendation: "fastapi",
      confidence: "clear",
      lead: 6,
      answerScores: { fastapi: 10, flask: 4, django: 2 },
    });
    expect(lesson("01-three-philosophies")).toContain("**FastAPI 10, Flask 4, Django 2**: a clear lead of 6 points");
    const pages = { ...club, "project-type": "content-site", realtime: "no", "api-contract": "monolith" };
    expect(scoreChooser(real, pages)).toMatchObject({
      recommendation: "flask",
      confidence: "close",
      answerScores: { flask: 6, django: 5 },
    });
    expect(lesson("01-three-philosophies")).toContain("close call between Flask (6) and Django (5)");
    const newTeam = real.questions.find((q) => q.id === "team-experience")!.options.find((o) => o.id === "new")!.evidence;
    expect(newTeam.filter((e) => e.framework !== "fastapi").map((e) => [e.framework, e.weight])).toEqual([
      ["django", 2],
      ["flask", 1],
    ]);
    expect(lesson("02-learning-curve").replace(/\s+/g, " ")).toContain(
      "the chooser gives a team new to the web +2 for Django and +1 for Flask",
    );
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
    expect(result.lead).toBe(0);
    expect(result.ranking.slice(0, 2).sort()).toEqual(["django", "flask"]);
    expect(result.recommendation).toBe(scoreChooser(small, { style: "free", kind: "site" }).recommendation);
  });

  it("labels by the absolute lead: below clearLead is close, from clearLead on is clear", () => {
    expect([0, 1, 2, 2.99, 3, 4, 12].map((lead) => confidenceFor(lead, 3))).toEqual([
      "tie",
      "close",
      "close",
      "close",
      "clear",
      "clear",
      "clear",
    ]);
    // 2 points for FastAPI against 0: close, however small the scores are.
    expect(scoreChooser(small, { kind: "api" })).toMatchObject({ confidence: "close", lead: 2, clearLead: 3 });
    // 5 points for Django against 0: clear.
    expect(scoreChooser(small, { kind: "site", style: "strict" })).toMatchObject({
      recommendation: "django",
      confidence: "clear",
      lead: 5,
    });
  });

  it("handles missing answers: scores without them and names them", () => {
    const result = scoreChooser(small, { kind: "api" });
    expect(result.recommendation).toBe("fastapi");
    expect(result.unanswered).toContain("style");
  });

  it("gives no recommendation when nothing, or only neutral options, were answered", () => {
    const neutralOnly: Answers = { style: "none", "filler-0": "a", "filler-3": "b" };
    for (const answers of [{}, neutralOnly]) {
      expect(() => scoreChooser(small, answers)).toThrow(ChooserNoEvidenceError);
      expect(() => scoreChooser(small, answers)).toThrow(/^No recommendation yet/);
      // A record alone says nothing about the project either.
      expect(() => scoreChooser(small, answers, fullRecord("flask"))).toThrow(ChooserNoEvidenceError);
    }
    // The real questionnaire: every neutral option together still gives no recommendation.
    const allNeutral = Object.fromEntries(
      real.questions.flatMap((q) =>
        q.options
          .filter((o) => o.evidence.length === 0)
          .slice(0, 1)
          .map((o) => [q.id, o.id]),
      ),
    );
    expect(Object.keys(allNeutral).length).toBeGreaterThan(5);
    expect(() => scoreChooser(real, allNeutral)).toThrow(ChooserNoEvidenceError);
    // It is an input error, so the action answers { ok: false, error } and saves nothing.
    expect(new ChooserNoEvidenceError("Q?")).toBeInstanceOf(ChooserInputError);
  });

  it("shows why a neutral answer counts for no framework", () => {
    const result = scoreChooser(small, { kind: "api", style: "none" });
    expect(result.neutral).toEqual([{ questionId: "style", label: "No preference", note: "No preference favours none." }]);
  });

  it("lets the learner's record break a tie or tip a close call, shows it separately, and says so", () => {
    const answers = { kind: "site", style: "free" }; // Flask 2, Django 2: a tie, Flask first by list order
    const record: LearnerRecord = {
      django: { quizzesMastered: 8, quizTotal: 10, exercisesSolved: 4, exerciseTotal: 8, trackCompleted: false },
    };
    const withRecord = scoreChooser(small, answers, record);
    expect(withRecord.recommendation).toBe("django");
    expect(withRecord.answerScores.django).toBe(2);
    expect(withRecord.recordScores.django).toBeCloseTo(0.8 + 0.5);
    expect(withRecord.recordEvidence.map((e) => e.reason)).toEqual([
      "You mastered 8 of 10 Django quizzes.",
      "You solved 4 of 8 Django exercises.",
    ]);
    expect(withRecord.answerRecommendation).toBe("flask");
    // The label stays the answers' tie; the record only decided it, and the result says so.
    expect(withRecord).toMatchObject({ confidence: "tie", lead: 0, tippedByRecord: true });
    expect(confidenceLabel(withRecord)).toBe("tie, broken by your record");
    // A 2-point close call (FastAPI 2, others 0) is tipped by a full Flask record (2.5 points).
    const tipped = scoreChooser(small, { kind: "api" }, fullRecord("flask"));
    expect(tipped).toMatchObject({
      recommendation: "flask",
      answerRecommendation: "fastapi",
      recordCap: 2.5,
      confidence: "close",
      lead: 2,
      tippedByRecord: true,
    });
    expect(confidenceLabel(tipped)).toBe("close, tipped by your record");
    // A record that agrees with the answers decides nothing.
    const agreeing = scoreChooser(small, { kind: "api" }, fullRecord("fastapi"));
    expect(agreeing).toMatchObject({ recommendation: "fastapi", confidence: "close", lead: 2, tippedByRecord: false });
    expect(confidenceLabel(agreeing)).toBe("close");
  });

  it("never changes the label computed from the answers, whatever the record; when it flips the winner, the label says so", () => {
    const records: LearnerRecord[] = [
      {},
      ...FRAMEWORKS.map(fullRecord),
      { flask: fullRecord("flask").flask, django: fullRecord("django").django },
    ];
    const answerSets: Answers[] = [
      { kind: "api" }, // close: FastAPI 2
      { kind: "site", style: "strict" }, // clear: Django 5
      { kind: "site", style: "free" }, // tie: Flask 2, Django 2
      { kind: "api", style: "free" }, // tie: FastAPI 2, Flask 2
      { kind: "site" }, // close: Django 2, Flask 0, FastAPI -1
    ];
    for (const answers of answerSets) {
      const alone = scoreChooser(small, answers);
      expect(alone.tippedByRecord, JSON.stringify(answers)).toBe(false);
      for (const record of records) {
        const result = scoreChooser(small, answers, record);
        const where = `${JSON.stringify(answers)} with ${Object.keys(record).join("+") || "no record"}`;
        expect(result.confidence, where).toBe(alone.confidence);
        expect(result.lead, where).toBe(alone.lead);
        if (result.recommendation !== alone.recommendation) {
          expect(result.confidence, where).not.toBe("clear");
          expect(result.tippedByRecord, where).toBe(true);
          expect(confidenceLabel(result), where).toMatch(/tipped by your record|broken by your record/);
        }
      }
    }
  });

  it("never lets the record overturn a clear lead (the cap sits below clearLead; equal totals go to the answers' pick)", () => {
    expect(recordCap(real.record)).toBeLessThan(real.clearLead);
    // Django leads by exactly clearLead (3) on answers; a full record for the runner-up cannot change that.
    const answers = { kind: "site", style: "strict" }; // Django 5, FastAPI -1, Flask 0
    for (const framework of FRAMEWORKS) expect(scoreChooser(small, answers, fullRecord(framework)).recommendation).toBe("django");
    // Equal totals are ordered by the answers' scores before the fixed framework order.
    expect(rankFrameworks({ flask: 3, django: 3, fastapi: 0 }, { flask: 1, django: 3, fastapi: 0 })).toEqual([
      "django",
      "flask",
      "fastapi",
    ]);
    expect(rankFrameworks({ flask: 3, django: 3, fastapi: 0 })).toEqual(["flask", "django", "fastapi"]);
  });

  it("rejects a chooser file whose record could outweigh a clear lead", () => {
    const parsed = parse(realText);
    parsed.record.quizMastery.weight = 2; // 2 + 1 + 0.5 = 3.5, not below clearLead 3
    const result = ChooserFileSchema.safeParse(parsed);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("less than clearLead");
  });

  it.each([
    [{ "no-such-question": "a" }, 'There is no question "no-such-question"'],
    [{ kind: "spaceship" }, '"spaceship" is not one of the answers to "Kind?"'],
  ])("rejects invalid input %j with a clear message", (answers, message) => {
    expect(() => scoreChooser(small, answers)).toThrow(ChooserInputError);
    expect(() => scoreChooser(small, answers)).toThrow(message);
  });
});

// Every complete answer set of the real questionnaire, scored on answers alone (the record is capped
// below clearLead, so it cannot move a clear result). The fast path adds precomputed option vectors and
// uses the scorer's own rankFrameworks and confidenceFor; a deterministic sample is re-scored with
// scoreChooser to prove both paths agree.
describe("calibration over all complete answer sets", () => {
  const vectors = real.questions.map((q) =>
    q.options.map((o) => FRAMEWORKS.map((f) => o.evidence.filter((e) => e.framework === f).reduce((sum, e) => sum + e.weight, 0))),
  );
  const total = vectors.reduce((n, options) => n * options.length, 1);
  const labels: Record<Confidence, number> = { tie: 0, close: 0, clear: 0 };
  const wins: Record<Framework, number> = { flask: 0, django: 0, fastapi: 0 };
  // Per lead: answer sets, and the summed share of single-answer changes that would change the pick.
  const byLead = new Map<number, { sets: number; flipShare: number }>();
  const sampled: { answers: Answers; recommendation: Framework; confidence: Confidence }[] = [];
  const picks = new Array<number>(vectors.length).fill(0);
  const argmax = (s: number[]) => (s[1] > s[0] ? (s[2] > s[1] ? 2 : 1) : s[2] > s[0] ? 2 : 0);
  let visited = 0;

  const visit = (i: number, s: number[]) => {
    if (i === vectors.length) {
      const scores = { flask: s[0], django: s[1], fastapi: s[2] };
      const [first, second] = rankFrameworks(scores);
      const lead = scores[first] - scores[second];
      const confidence = confidenceFor(lead, real.clearLead);
      labels[confidence]++;
      wins[first]++;
      let changes = 0;
      let flips = 0;
      for (let j = 0; j < vectors.length; j++) {
        const current = vectors[j][picks[j]];
        vectors[j].forEach((alternative, k) => {
          if (k === picks[j]) return;
          changes++;
          if (argmax(s.map((v, f) => v - current[f] + alternative[f])) !== FRAMEWORKS.indexOf(first)) flips++;
        });
      }
      const entry = byLead.get(lead) ?? { sets: 0, flipShare: 0 };
      entry.sets++;
      entry.flipShare += flips / changes;
      byLead.set(lead, entry);
      if (visited++ % 4999 === 0) {
        const answers = Object.fromEntries(real.questions.map((q, j) => [q.id, q.options[picks[j]].id]));
        sampled.push({ answers, recommendation: first, confidence });
      }
      return;
    }
    vectors[i].forEach((v, k) => {
      picks[i] = k;
      visit(i + 1, [s[0] + v[0], s[1] + v[1], s[2] + v[2]]);
    });
  };
  visit(0, [0, 0, 0]);
  const share = (n: number) => Math.round((1000 * n) / total) / 10;

  it("enumerates every complete answer set", () => {
    expect(visited).toBe(total);
    expect(total).toBeGreaterThan(100_000);
  });

  it("reports the share of each label, each within sane bounds", () => {
    const shares = { tie: share(labels.tie), close: share(labels.close), clear: share(labels.clear) };
    console.info(`chooser labels over ${total} complete answer sets (clearLead ${real.clearLead}):`, shares, "winners:", {
      flask: share(wins.flask),
      django: share(wins.django),
      fastapi: share(wins.fastapi),
    });
    // Random answer sets are less coherent than real ones, so these are the least-clear case.
    expect(shares.tie).toBeGreaterThan(3);
    expect(shares.tie).toBeLessThan(15);
    expect(shares.close).toBeGreaterThan(25);
    expect(shares.close).toBeLessThan(45);
    expect(shares.clear).toBeGreaterThan(45);
    expect(shares.clear).toBeLessThan(70);
  });

  it("calls a lead clear only when few single-answer changes would overturn it", () => {
    // The calibration (docs/decisions/0012-chooser-calibration.md): at every clear lead, fewer than a quarter of the
    // possible one-answer changes change the pick; at every close lead, at least 30% do.
    for (const [lead, { sets, flipShare }] of byLead) {
      const average = flipShare / sets;
      if (lead === 0) continue;
      if (lead >= real.clearLead) expect(average, `lead ${lead}`).toBeLessThan(0.25);
      else expect(average, `lead ${lead}`).toBeGreaterThanOrEqual(0.3);
    }
  });

  it("keeps every framework a realistic winner", () => {
    for (const framework of FRAMEWORKS) {
      expect(share(wins[framework]), framework).toBeGreaterThan(25);
      expect(share(wins[framework]), framework).toBeLessThan(42);
    }
  });

  it("agrees with scoreChooser on a deterministic sample", () => {
    expect(sampled.length).toBeGreaterThan(50);
    for (const { answers, recommendation, confidence } of sampled) {
      expect(scoreChooser(real, answers)).toMatchObject({ recommendation, confidence });
    }
  });

  it("keeps the answers' label on the sample whatever the record, and marks every pick the record decided", () => {
    let tipped = 0;
    for (const { answers, recommendation, confidence } of sampled) {
      for (const framework of FRAMEWORKS) {
        const result = scoreChooser(real, answers, fullRecord(framework));
        expect(result.confidence).toBe(confidence);
        if (result.recommendation !== recommendation) {
          tipped++;
          expect(result.tippedByRecord).toBe(true);
          expect(confidenceLabel(result)).toMatch(/^(close, tipped|tie, broken) by your record$/);
        }
      }
    }
    expect(tipped).toBeGreaterThan(0);
  });
});
