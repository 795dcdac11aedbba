"use server";

import { z } from "zod";
import { getSessionUser } from "@/lib/auth/guards";
import { getLesson } from "@/lib/content/queries";
import { recordLessonComplete, recordLessonIncomplete } from "@/lib/progress";
import { MarkCompleteSchema } from "@/lib/schemas/progress";

export type ActionResult = { ok: true } | { ok: false; error: string };

export async function markLessonCompleteAction(input: z.input<typeof MarkCompleteSchema>): Promise<ActionResult> {
  const user = await getSessionUser();
  if (!user) return { ok: false, error: "Sign in to save your progress." };
  const parsed = MarkCompleteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That request was not understood. Reload the page and try again." };
  const lesson = getLesson(parsed.data.lessonId);
  if (!lesson) return { ok: false, error: "That lesson no longer exists. Reload the page." };
  if (parsed.data.complete) await recordLessonComplete(user.id, lesson);
  else await recordLessonIncomplete(user.id, lesson.id);
  return { ok: true };
}
