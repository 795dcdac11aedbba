import { z } from "zod";
import type { Answers, ChooserResult } from "@/lib/chooser/scoring";
import { FRAMEWORKS } from "@/lib/content/schema";
import type { RunHint, RunResult } from "@/lib/runner/types";
import type { QuizAnswer } from "@/lib/schemas/quiz";

// The JSON the database stores in text columns (prisma/schema.prisma says which), decoded in one
// place. Every decoder takes the column's text and never throws: a row written by an older version,
// or damaged by hand, reads as the nearest safe value (fewer entries, empty text, null) instead of
// failing the page that shows it. Objects keep keys this code does not know, so a newer field survives
// a round trip through an older reader. Writers use JSON.stringify on the typed values.

function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The entries of an array that pass `item`; the others are dropped. Not an array: []. */
function entriesOf<T>(value: unknown, item: z.ZodType<T>): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = item.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

// QuizDraw.questionIds, QuizAttempt.questionIds: the question ids an attempt asked, in order.

/** The ids, or null when the text is not a JSON array of strings (the attempt cannot be matched to questions). */
export function decodeQuestionIds(text: string | null | undefined): string[] | null {
  const value = parseJson(text);
  return Array.isArray(value) && value.every((id) => typeof id === "string") ? value : null;
}

// QuizAttempt.answers: question id → the learner's answer.

const QuizAnswerValue = z.union([z.string(), z.array(z.string())]);

/** The answers that have an answer's shape; others are left out. */
export function decodeQuizAnswers(text: string | null | undefined): Record<string, QuizAnswer> {
  const value = parseJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const answers: Record<string, QuizAnswer> = {};
  for (const [questionId, answer] of Object.entries(value)) {
    const parsed = QuizAnswerValue.safeParse(answer);
    if (parsed.success) answers[questionId] = parsed.data;
  }
  return answers;
}

// QuizAttempt.results: whether each question was answered right (QuestionResult, lib/quiz/grade.ts).

const StoredQuestionResult = z.object({ questionId: z.string(), correct: z.boolean() });
export type StoredQuestionResult = z.infer<typeof StoredQuestionResult>;

export function decodeQuizResults(text: string | null | undefined): StoredQuestionResult[] {
  return entriesOf(parseJson(text), StoredQuestionResult);
}

// ExerciseSubmission.result: the RunResult of the graded run (lib/runner/types.ts).

const StoredCheck = z.looseObject({
  name: z.string().catch(""),
  title: z.string().optional().catch(undefined),
  status: z.enum(["pass", "fail", "error"]).catch("error"),
  message: z.string().catch(""),
  traceback: z.string().catch(""),
  output: z.string().catch(""),
  request: z.string().optional().catch(undefined),
  expected: z.string().optional().catch(undefined),
  actual: z.string().optional().catch(undefined),
});

/** A framework-aware hint (RunHint): plain text, kept only when well formed, its message cut to 600 characters. */
const StoredHint = z.object({
  rule: z.string().regex(/^[a-z0-9-]{1,64}$/),
  line: z.number().int().positive().lt(1_000_000).nullable(),
  message: z
    .string()
    .min(1)
    .transform((text) => text.slice(0, 600)),
});

/** At most 5 well-formed hints from untrusted JSON (a stored result, or the check runner's output line). */
export function decodeHints(value: unknown): RunHint[] {
  return entriesOf(value, StoredHint).slice(0, 5);
}

const StoredRunResult = z.looseObject({
  status: z.enum(["pass", "fail", "error", "timeout", "limit", "unavailable"]).catch("error"),
  phase: z.enum(["import", "checks", "engine"]).catch("engine"),
  message: z.string().catch(""),
  traceback: z.string().catch(""),
  output: z.string().catch(""),
  checks: z.array(z.unknown()).catch([]),
  hints: z.unknown().optional(),
  engine: z.enum(["browser", "server"]).catch("server"),
  durationMs: z.number().catch(0),
});

/** Always a RunResult: missing or malformed fields read as empty, an unknown status as "error". */
export function decodeRunResult(text: string | null | undefined): RunResult {
  const value = parseJson(text);
  const result = StoredRunResult.parse(typeof value === "object" && value !== null && !Array.isArray(value) ? value : {});
  const { hints: storedHints, ...rest } = result;
  const checks = entriesOf(rest.checks, StoredCheck);
  const hints = decodeHints(storedHints);
  return {
    ...rest,
    checks: checks.map((check) => ({ ...check, title: check.title ?? check.name })),
    ...(hints.length > 0 ? { hints } : {}),
  } as RunResult;
}

// ChooserResult.answers and .result: the questionnaire's answers and the scored result (lib/chooser/scoring.ts).

/** Question id → option id; entries that are not text are left out. */
export function decodeChooserAnswers(text: string | null | undefined): Answers {
  const value = parseJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

const Framework = z.enum(FRAMEWORKS);
const Scores = z.record(Framework, z.number());
const Evidence = z.looseObject({ framework: Framework, weight: z.number(), reason: z.string(), source: z.enum(["answer", "record"]) });

/** The fields every saved result has had since the first version; the later ones stay optional in the type. */
const StoredChooserResult = z.looseObject({
  recommendation: Framework,
  confidence: z.enum(["clear", "close", "tie"]),
  scores: Scores,
  answerScores: Scores,
  recordScores: Scores,
  ranking: z.array(Framework),
  reasons: z.record(Framework, z.looseObject({ for: z.array(Evidence), against: z.array(Evidence) })),
  recordEvidence: z.array(Evidence),
  unanswered: z.array(z.string()),
});

/** The saved result, or null when it is not one (the result page then says it is not found). */
export function decodeChooserResult(text: string | null | undefined): ChooserResult | null {
  const parsed = StoredChooserResult.safeParse(parseJson(text));
  return parsed.success ? (parsed.data as ChooserResult) : null;
}
