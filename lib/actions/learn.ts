"use server";

import { action } from "@/lib/actions/define";
import { getLesson, getQuiz } from "@/lib/content/queries";
import { ExpectedError } from "@/lib/errors";
import { recordLessonComplete, recordLessonIncomplete } from "@/lib/progress";
import { recordQuizAttempt, startQuizAttempt } from "@/lib/quiz/attempts";
import { LIMITS, enforceLimit } from "@/lib/rate-limit";
import { MarkCompleteSchema } from "@/lib/schemas/progress";
import { QuizStartSchema, QuizSubmissionSchema } from "@/lib/schemas/quiz";

function quizOf(quizId: string) {
  const quiz = getQuiz(quizId);
  if (!quiz) throw new ExpectedError(404, "That quiz no longer exists. Reload the page.");
  return quiz;
}

export const markLessonCompleteAction = action(
  {
    name: "markLessonComplete",
    auth: { signedOut: "Sign in to save your progress." },
    schema: MarkCompleteSchema,
    invalid: "That request was not understood. Reload the page and try again.",
  },
  async ({ user, input }) => {
    const lesson = getLesson(input.lessonId);
    if (!lesson) throw new ExpectedError(404, "That lesson no longer exists. Reload the page.");
    if (input.complete) await recordLessonComplete(user.id, lesson);
    else await recordLessonIncomplete(user.id, lesson.id);
    return {};
  },
);

/** Opens the learner's attempt of a quiz (or returns the open one): the drawn questions, options in this attempt's order. */
export const startQuizAction = action(
  { name: "startQuiz", auth: { signedOut: "Sign in to take the quiz and keep your score." }, schema: QuizStartSchema },
  async ({ user, input }) => ({ attempt: await startQuizAttempt(user.id, quizOf(input.quizId)) }),
);

export const submitQuizAction = action(
  { name: "submitQuiz", auth: { signedOut: "Sign in to submit the quiz and keep your score." }, schema: QuizSubmissionSchema },
  async ({ user, input }) => {
    const quiz = quizOf(input.quizId);
    await enforceLimit(`quiz:user:${user.id}`, LIMITS.quizSubmitsPerUser, "submitting quizzes");
    // QuizSubmissionError: its message, nothing stored.
    return { outcome: await recordQuizAttempt(user.id, quiz, input.attemptKey, input.answers) };
  },
);
