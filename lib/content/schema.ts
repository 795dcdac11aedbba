import { z } from "zod";

// Zod schemas for everything in lessons/. See docs/content-format.md for the format with examples.
// No server imports here: the types are used by client components too.

export const TRACK_IDS = ["flask", "django", "fastapi", "compare"] as const;
export const FRAMEWORKS = ["flask", "django", "fastapi"] as const;
export type TrackId = (typeof TRACK_IDS)[number];
export type Framework = (typeof FRAMEWORKS)[number];
/** How each framework's name is written, wherever it is shown. */
export const FRAMEWORK_NAMES: Record<Framework, string> = { flask: "Flask", django: "Django", fastapi: "FastAPI" };

export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids use lowercase letters, digits and single dashes (like flask-first-app)");

const Text = z.string().trim().min(1, "must not be empty");

export const TrackFileSchema = z.strictObject({
  id: z.enum(TRACK_IDS),
  title: Text,
  tagline: Text,
  summary: Text,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a hex colour like #0f766e"),
  lessons: z.array(z.string().regex(/^\d{2}-[a-z0-9-]+$/, "a lesson folder name like 01-first-app")).min(1),
});
export type TrackFile = z.infer<typeof TrackFileSchema>;

export const LessonFrontMatterSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  minutes: z.number().int().min(3).max(90),
  summary: Text,
  objectives: z.array(Text).min(3, "every lesson needs at least 3 learning objectives"),
});
export type LessonFrontMatter = z.infer<typeof LessonFrontMatterSchema>;

const OptionSchema = z.strictObject({ id: IdSchema, text: Text });

const QuestionBase = {
  id: IdSchema,
  prompt: Text,
  explanation: Text,
  /** Which of the lesson's objectives (1-based) the question assesses; attempts draw across objectives. */
  objective: z.number().int().min(1).optional(),
};

function uniqueIds(items: { id: string }[]) {
  return new Set(items.map((item) => item.id)).size === items.length;
}

const Options = z.array(OptionSchema).min(3).max(5).refine(uniqueIds, "option ids must be unique");

export const SingleQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal("single"),
  options: Options,
  answer: IdSchema,
});
export const MultipleQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal("multiple"),
  options: Options,
  answer: z.array(IdSchema).min(1),
});
export const OutputQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal("output"),
  code: Text,
  language: z.string().default("python"),
  options: Options,
  answer: IdSchema,
});
export const OrderQuestionSchema = z.strictObject({
  ...QuestionBase,
  type: z.literal("order"),
  items: z.array(OptionSchema).min(3).max(6).refine(uniqueIds, "item ids must be unique"),
});

export const QuestionSchema = z
  .discriminatedUnion("type", [SingleQuestionSchema, MultipleQuestionSchema, OutputQuestionSchema, OrderQuestionSchema])
  .superRefine((question, ctx) => {
    if (question.type === "order") return;
    const ids = new Set(question.options.map((option) => option.id));
    const answers = Array.isArray(question.answer) ? question.answer : [question.answer];
    for (const answer of answers) {
      if (!ids.has(answer)) ctx.addIssue({ code: "custom", path: ["answer"], message: `"${answer}" is not one of the option ids` });
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

export const QuizFileSchema = z.strictObject({
  id: IdSchema,
  questions: z.array(QuestionSchema).min(4, "every quiz needs at least 4 questions").refine(uniqueIds, "question ids must be unique"),
});
export type QuizFile = z.infer<typeof QuizFileSchema>;

export const ExerciseFileSchema = z.strictObject({
  id: IdSchema,
  title: Text,
  engine: z.enum(["browser", "server"]),
  /**
   * app (default): the learner writes an app, checks.py tests it. tests: the learner writes tests, run
   * against the authored apps in apps/ (docs/content-format.md, "Testing exercises").
   */
  kind: z.enum(["app", "tests"]).default("app"),
  minutes: z.number().int().min(2).max(60),
  prompt: Text,
  hints: z.array(Text).min(1).max(3),
});
export type ExerciseFile = z.infer<typeof ExerciseFileSchema>;

export const ProjectFileSchema = z.strictObject({
  id: IdSchema,
  track: z.enum(FRAMEWORKS),
  title: Text,
  difficulty: z.enum(["beginner", "intermediate", "advanced"]),
  brief: Text,
  buildsOn: z.array(IdSchema).min(1),
  milestones: z
    .array(z.strictObject({ id: IdSchema, title: Text }))
    .min(4)
    .max(8)
    .refine(uniqueIds, "milestone ids must be unique"),
  stretch: z.array(Text).min(1),
});
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

const EvidenceSchema = z.strictObject({
  framework: z.enum(FRAMEWORKS),
  weight: z
    .number()
    .int()
    .min(-3)
    .max(3)
    .refine((w) => w !== 0, "a weight of 0 adds nothing: leave the entry out"),
  reason: Text,
});

const ChooserOptionSchema = z
  .strictObject({
    id: IdSchema,
    label: Text,
    evidence: z.array(EvidenceSchema),
    /** Shown on the result when this answer counts for no framework: says why it is neutral. */
    note: Text.optional(),
  })
  .refine((option) => option.evidence.length > 0 || option.note !== undefined, {
    message: "an option with no evidence needs a note that says why it counts for no framework",
    path: ["note"],
  })
  .refine((option) => option.evidence.length === 0 || option.note === undefined, {
    message: "a note is only for options with no evidence (the reasons explain the others)",
    path: ["note"],
  })
  .refine((option) => new Set(option.evidence.map((e) => e.framework)).size === option.evidence.length, {
    message: "one entry per framework: put the whole reason in a single entry",
    path: ["evidence"],
  });

export const ChooserQuestionSchema = z.strictObject({
  id: IdSchema,
  prompt: Text,
  help: Text.optional(),
  options: z
    .array(ChooserOptionSchema)
    .min(2)
    .refine(uniqueIds, "option ids must be unique")
    .refine((options) => options.some((option) => option.evidence.length > 0), "at least one option must add evidence"),
});

const RecordRuleSchema = z.strictObject({ weight: z.number().min(0).max(5), reason: Text });

/** The most a learner's record can add to one framework: the three rules' weights together. */
export function recordCap(record: {
  quizMastery: { weight: number };
  exerciseSuccess: { weight: number };
  trackCompleted: { weight: number };
}): number {
  return record.quizMastery.weight + record.exerciseSuccess.weight + record.trackCompleted.weight;
}

export const ChooserFileSchema = z
  .strictObject({
    /** A lead of at least this many points is "clear"; a smaller lead (above zero) is "close"; zero is a tie. */
    clearLead: z.number().int().min(1).max(10),
    /** 8 to 12: enough to separate the three, short enough to finish (tests/content/course.test.ts checks the same). */
    questions: z.array(ChooserQuestionSchema).min(8).max(12).refine(uniqueIds, "question ids must be unique"),
    record: z.strictObject({
      quizMastery: RecordRuleSchema,
      exerciseSuccess: RecordRuleSchema,
      trackCompleted: RecordRuleSchema,
    }),
  })
  .refine((file) => recordCap(file.record) < file.clearLead, {
    message: "the record's weights must add up to less than clearLead, so the record can tip a close call but never a clear one",
    path: ["record"],
  });
export type ChooserFile = z.infer<typeof ChooserFileSchema>;
export type ChooserQuestion = z.infer<typeof ChooserQuestionSchema>;
