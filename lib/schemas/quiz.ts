import { z } from "zod";
import { IdSchema } from "@/lib/content/schema";

/** One answer: an option id (single, output) or a list of ids (multiple: chosen; order: the learner's order). */
export const QuizAnswerSchema = z.union([IdSchema, z.array(IdSchema).max(10)]);
export type QuizAnswer = z.infer<typeof QuizAnswerSchema>;

/** Opens (or reopens) the learner's attempt of a quiz; the server draws the questions. */
export const QuizStartSchema = z.strictObject({ quizId: IdSchema });

export const QuizSubmissionSchema = z.strictObject({
  quizId: IdSchema,
  /** The key startQuizAttempt gave this attempt: resubmitting the same attempt stores it once. */
  attemptKey: z.uuid({ error: "attemptKey must be the UUID the server gave this attempt" }),
  answers: z.record(IdSchema, QuizAnswerSchema).refine((a) => Object.keys(a).length <= 50, "too many answers"),
});
export type QuizSubmission = z.infer<typeof QuizSubmissionSchema>;
