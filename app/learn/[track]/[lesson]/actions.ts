"use server";

import { z } from "zod";
import { getSessionUser } from "@/lib/auth/guards";
import { getLesson, getQuiz } from "@/lib/content/queries";
import { describeZodError } from "@/lib/http/errors";
import { recordQuizAttempt, startQuizAttempt, type AttemptOutcome, type StartedAttempt } from "@/lib/quiz/attempts";
import { QuizSubmissionError } from "@/lib/quiz/grade";
import { QuizStartSchema, QuizSubmissionSchema } from "@/lib/schemas/quiz";
import { recordLessonComplete, recordLessonIncomplete } from "@/lib/progress";
import { MarkCompleteSchema } from "@/lib/schemas/progress";
import { loggedAction } from "@/lib/http/action-log";

export type ActionResult = { ok: true } | { ok: false; error: string };

export const markLessonCompleteAction = loggedAction("markLessonComplete", async (input: z.input<typeof MarkCompleteSchema>): Promise<ActionResult> => {
  const user = await getSessionUser();
  if (!user) return { ok: false, error: "Sign in to save your progress." };
  const parsed = MarkCompleteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That request was not understood. Reload the page and try again." };
  const lesson = getLesson(parsed.data.lessonId);
  if (!lesson) return { ok: false, error: "That lesson no longer exists. Reload the page." };
  if (parsed.data.complete) await recordLessonComplete(user.id, lesson);
  else await recordLessonIncomplete(user.id, lesson.id);
  return { ok: true };
});

export type QuizStartResult = { ok: true; attempt: StartedAttempt } | { ok: false; error: string };

/** Opens the learner's attempt of a quiz (or returns the open one): the drawn questions, options in this attempt's order. */
export const startQuizAction = loggedAction("startQuiz", async (input: unknown): Promise<QuizStartResult> => {
  const user = await getSessionUser();
  if (!user) return { ok: false, error: "Sign in to take the quiz and keep your score." };
  const parsed = QuizStartSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: `The request was not understood: ${describeZodError(parsed.error)}` };
  const quiz = getQuiz(parsed.data.quizId);
  if (!quiz) return { ok: false, error: "That quiz no longer exists. Reload the page." };
  return { ok: true, attempt: await startQuizAttempt(user.id, quiz) };
});

export type QuizActionResult = { ok: true; outcome: AttemptOutcome } | { ok: false; error: string };

export const submitQuizAction = loggedAction("submitQuiz", async (input: unknown): Promise<QuizActionResult> => {
  const user = await getSessionUser();
  if (!user) return { ok: false, error: "Sign in to submit the quiz and keep your score." };
  const parsed = QuizSubmissionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: `The submission was not understood: ${describeZodError(parsed.error)}` };
  const quiz = getQuiz(parsed.data.quizId);
  if (!quiz) return { ok: false, error: "That quiz no longer exists. Reload the page." };
  try {
    return { ok: true, outcome: await recordQuizAttempt(user.id, quiz, parsed.data.attemptKey, parsed.data.answers) };
  } catch (error) {
    if (error instanceof QuizSubmissionError) return { ok: false, error: error.message };
    throw error;
  }
});
