"use server";

import { action } from "@/lib/actions/define";
import { scoreChooser } from "@/lib/chooser/scoring";
import { nextSteps } from "@/lib/chooser/next-steps";
import { getLearnerRecord, saveChooserResult } from "@/lib/chooser/store";
import { getCourse } from "@/lib/content/load";
import { listCompletedLessonIds } from "@/lib/progress";
import { LIMITS, enforceLimit } from "@/lib/rate-limit";
import { ChooserSubmissionSchema } from "@/lib/schemas/chooser";

/** Scores the chooser. Signed-in learners' results include their record and are saved; visitors' are not. */
export const submitChooserAction = action(
  { name: "submitChooser", auth: "optional", schema: ChooserSubmissionSchema },
  async ({ user, input }) => {
    const course = getCourse();
    const record = user ? await getLearnerRecord(user.id, course.tracks) : {};
    const result = scoreChooser(course.chooser, input.answers, record); // ChooserInputError: its message
    const completed = user ? await listCompletedLessonIds(user.id) : [];
    if (!user) return { result, savedId: null, next: nextSteps(result.recommendation, completed) };
    await enforceLimit(`chooser:user:${user.id}`, LIMITS.chooserSavesPerUser, "saving chooser results");
    const saved = await saveChooserResult(user.id, input.resultKey, input.answers, result);
    return { result: saved.result, savedId: saved.id as string | null, next: nextSteps(saved.result.recommendation, completed) };
  },
);
