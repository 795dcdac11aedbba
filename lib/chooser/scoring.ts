import { FRAMEWORK_NAMES, FRAMEWORKS, recordCap, type ChooserFile, type Framework } from "@/lib/content/schema";
import { ExpectedError } from "@/lib/errors";

// The chooser's scoring: pure and deterministic (no I/O, no randomness, stable tie-breaks), so every
// rule is unit-tested. Answers add the weighted evidence listed in lessons/chooser.yaml; the learner's
// own record adds evidence too, kept separate so the result page can show both.
//
// Calibration (docs/decisions/0012-chooser-calibration.md): the label depends on the answers' absolute
// lead in points, and on nothing else. A lead of `clearLead` or more is "clear", a smaller lead is
// "close", no lead is a "tie"; the record never changes the label. The record adds at most
// recordCap(config.record) points to a framework, which the schema keeps below `clearLead`, and equal
// totals are broken by the answers' own scores: so the record can tip a close call or break a tie (the
// result then says `tippedByRecord`), never overturn a clear lead. Answers that add no evidence at all
// give no recommendation.

export type Answers = Record<string, string>;

export interface TrackRecord {
  quizzesMastered: number;
  quizTotal: number;
  exercisesSolved: number;
  exerciseTotal: number;
  trackCompleted: boolean;
}
export type LearnerRecord = Partial<Record<Framework, TrackRecord>>;

export interface Evidence {
  framework: Framework;
  weight: number;
  reason: string;
  source: "answer" | "record";
  questionId?: string;
}

export type Confidence = "clear" | "close" | "tie";

/** An answer that counts for no framework, with the note that says why. */
export interface NeutralAnswer {
  questionId: string;
  label: string;
  note: string;
}

export interface ChooserResult {
  recommendation: Framework;
  confidence: Confidence;
  /** Points between the first and the second framework on the answers alone: the label's basis. */
  lead?: number;
  /** The lead that counts as clear, and the most the record can add to one framework. */
  clearLead?: number;
  recordCap?: number;
  /** The pick on the answers alone; differs from `recommendation` when the record tipped a close call. */
  answerRecommendation?: Framework;
  /** The record decided the pick: it tipped a close call, or broke a tie on the answers. Never with "clear". */
  tippedByRecord?: boolean;
  /** Answered options that favour none of the three. */
  neutral?: NeutralAnswer[];
  /** Points per framework: answers plus record. */
  scores: Record<Framework, number>;
  answerScores: Record<Framework, number>;
  recordScores: Record<Framework, number>;
  /** Frameworks from highest to lowest score. */
  ranking: Framework[];
  reasons: Record<Framework, { for: Evidence[]; against: Evidence[] }>;
  recordEvidence: Evidence[];
  /** Questions left unanswered (scored without them). */
  unanswered: string[];
}
// lead, clearLead, recordCap, answerRecommendation, tippedByRecord and neutral are optional only because results saved
// before the calibration (stored as JSON) lack them; scoreChooser always sets them.

/** Input that does not match the questionnaire. The message is shown to the learner. */
export class ChooserInputError extends ExpectedError {
  constructor(message: string) {
    super(400, message);
    this.name = "ChooserInputError";
  }
}

function zero(): Record<Framework, number> {
  return { flask: 0, django: 0, fastapi: 0 };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

/**
 * No answer points to any framework: nothing was answered, or only options that count for none. There is
 * nothing to recommend on, and the learner's record alone says nothing about their project.
 */
export class ChooserNoEvidenceError extends ChooserInputError {
  constructor(firstPrompt: string) {
    super(
      `No recommendation yet: none of your answers points to a framework (you answered nothing, or only options such as "No preference"). ` +
        `Answer a question about your project, such as "${firstPrompt}", to get one.`,
    );
    this.name = "ChooserNoEvidenceError";
  }
}

/** "tie" for no lead, "close" below `clearLead` points, "clear" from there on. */
export function confidenceFor(lead: number, clearLead: number): Confidence {
  if (lead <= 0) return "tie";
  return lead < clearLead ? "close" : "clear";
}

/** The label in a few words, for lists: "clear lead", "close", "close, tipped by your record", "tie"... */
export function confidenceLabel(result: Pick<ChooserResult, "confidence" | "tippedByRecord">): string {
  if (result.confidence === "clear") return "clear lead";
  if (!result.tippedByRecord) return result.confidence;
  return result.confidence === "close" ? "close, tipped by your record" : "tie, broken by your record";
}

/**
 * Frameworks from highest to lowest score. Equal scores are ordered by `tieBreak` (the answers' scores),
 * then by the fixed FRAMEWORKS order, so the result is deterministic.
 */
export function rankFrameworks(scores: Record<Framework, number>, tieBreak?: Record<Framework, number>): Framework[] {
  return [...FRAMEWORKS].sort((a, b) => scores[b] - scores[a] || (tieBreak ? tieBreak[b] - tieBreak[a] : 0));
}

/** Checks every answer names a real question and one of its options. Throws ChooserInputError. */
export function validateAnswers(config: ChooserFile, answers: Answers): void {
  for (const [questionId, optionId] of Object.entries(answers)) {
    const question = config.questions.find((q) => q.id === questionId);
    if (!question)
      throw new ChooserInputError(`There is no question "${questionId}" in the chooser. Reload the page to get the current questions.`);
    if (!question.options.some((option) => option.id === optionId)) {
      throw new ChooserInputError(`"${optionId}" is not one of the answers to "${question.prompt}".`);
    }
  }
}

/** The evidence the learner's own progress adds, per framework track. */
export function recordEvidence(config: ChooserFile, record: LearnerRecord = {}): Evidence[] {
  const rules = config.record;
  return FRAMEWORKS.flatMap((framework): Evidence[] => {
    const track = record[framework];
    if (!track) return [];
    const name = FRAMEWORK_NAMES[framework];
    const evidence: Evidence[] = [];
    if (track.quizTotal > 0 && track.quizzesMastered > 0) {
      evidence.push({
        framework,
        source: "record",
        weight: round((rules.quizMastery.weight * track.quizzesMastered) / track.quizTotal),
        reason: fill(rules.quizMastery.reason, { mastered: track.quizzesMastered, total: track.quizTotal, track: name }),
      });
    }
    if (track.exerciseTotal > 0 && track.exercisesSolved > 0) {
      evidence.push({
        framework,
        source: "record",
        weight: round((rules.exerciseSuccess.weight * track.exercisesSolved) / track.exerciseTotal),
        reason: fill(rules.exerciseSuccess.reason, { solved: track.exercisesSolved, total: track.exerciseTotal, track: name }),
      });
    }
    if (track.trackCompleted) {
      evidence.push({
        framework,
        source: "record",
        weight: rules.trackCompleted.weight,
        reason: fill(rules.trackCompleted.reason, { track: name }),
      });
    }
    return evidence;
  });
}

export function scoreChooser(config: ChooserFile, answers: Answers, record: LearnerRecord = {}): ChooserResult {
  validateAnswers(config, answers);
  const chosen = config.questions.flatMap((question) => {
    const option = question.options.find((o) => o.id === answers[question.id]);
    return option ? [{ question, option }] : [];
  });
  const answerEvidence: Evidence[] = chosen.flatMap(({ question, option }) =>
    option.evidence.map((e) => ({ ...e, source: "answer" as const, questionId: question.id })),
  );
  if (answerEvidence.length === 0) throw new ChooserNoEvidenceError(config.questions[0].prompt);
  const neutral: NeutralAnswer[] = chosen.flatMap(({ question, option }) =>
    option.evidence.length === 0 && option.note ? [{ questionId: question.id, label: option.label, note: option.note }] : [],
  );
  const fromRecord = recordEvidence(config, record);

  const answerScores = zero();
  const recordScores = zero();
  for (const e of answerEvidence) answerScores[e.framework] += e.weight;
  for (const e of fromRecord) recordScores[e.framework] += e.weight;
  const scores = zero();
  for (const framework of FRAMEWORKS) scores[framework] = round(answerScores[framework] + recordScores[framework]);

  const ranking = rankFrameworks(scores, answerScores);
  const [first] = ranking;
  // The label comes from the answers alone; the record may only decide between close or tied answers.
  const answerRanking = rankFrameworks(answerScores);
  const lead = round(answerScores[answerRanking[0]] - answerScores[answerRanking[1]]);
  const confidence = confidenceFor(lead, config.clearLead);
  const tippedByRecord = confidence !== "clear" && (first !== answerRanking[0] || (lead <= 0 && scores[first] > scores[ranking[1]]));

  const all = [...answerEvidence, ...fromRecord];
  const reasons = Object.fromEntries(
    FRAMEWORKS.map((framework) => {
      const mine = all.filter((e) => e.framework === framework);
      return [
        framework,
        {
          for: mine
            .filter((e) => e.weight > 0)
            .sort((a, b) => b.weight - a.weight)
            .slice(0, 3),
          against: mine
            .filter((e) => e.weight < 0)
            .sort((a, b) => a.weight - b.weight)
            .slice(0, 3),
        },
      ];
    }),
  ) as ChooserResult["reasons"];

  return {
    recommendation: first,
    confidence,
    lead,
    clearLead: config.clearLead,
    recordCap: recordCap(config.record),
    answerRecommendation: answerRanking[0],
    tippedByRecord,
    neutral,
    scores,
    answerScores: Object.fromEntries(FRAMEWORKS.map((f) => [f, round(answerScores[f])])) as Record<Framework, number>,
    recordScores: Object.fromEntries(FRAMEWORKS.map((f) => [f, round(recordScores[f])])) as Record<Framework, number>,
    ranking,
    reasons,
    recordEvidence: fromRecord,
    unanswered: config.questions.filter((q) => answers[q.id] === undefined).map((q) => q.id),
  };
}
