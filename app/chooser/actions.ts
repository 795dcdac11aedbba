"use server";

import { getSessionUser } from "@/lib/auth/guards";
import { ChooserInputError, scoreChooser, type ChooserResult } from "@/lib/chooser/scoring";
import { nextSteps, type NextSteps } from "@/lib/chooser/next-steps";
import { getLearnerRecord, saveChooserResult } from "@/lib/chooser/store";
import { listCompletedLessonIds } from "@/lib/progress";
import { getCourse } from "@/lib/content/load";
import { describeZodError } from "@/lib/http/errors";
import { ChooserSubmissionSchema } from "@/lib/schemas/chooser";
import { loggedAction } from "@/lib/http/action-log";

export type ChooserActionResult =
  | { ok: true; result: ChooserResult; savedId: string | null; next: NextSteps }
  | { ok: false; error: string };

/** Scores the chooser. Signed-in learners' results include their record and are saved; visitors' are not. */
export const submitChooserAction = loggedAction("submitChooser", async (input: unknown): Promise<ChooserActionResult> => {
  const parsed = ChooserSubmissionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: `The answers were not understood: ${describeZodError(parsed.error)}` };
  const course = getCourse();
  const user = await getSessionUser();
  try {
    const record = user ? await getLearnerRecord(user.id, course.tracks) : {};
    const result = scoreChooser(course.chooser, parsed.data.answers, record);
    const completed = user ? await listCompletedLessonIds(user.id) : [];
    if (!user) return { ok: true, result, savedId: null, next: nextSteps(result.recommendation, completed) };
    const saved = await saveChooserResult(user.id, parsed.data.resultKey, parsed.data.answers, result);
    return { ok: true, result: saved.result, savedId: saved.id, next: nextSteps(saved.result.recommendation, completed) };
  } catch (error) {
    if (error instanceof ChooserInputError) return { ok: false, error: error.message };
    throw error;
  }
});
