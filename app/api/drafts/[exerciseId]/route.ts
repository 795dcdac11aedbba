// GET/PUT /api/drafts/:exerciseId - the learner's saved code for one exercise
import { NextResponse } from "next/server";
import { getExercise } from "@/lib/content/queries";
import { getDraft, saveDraft } from "@/lib/exercises/drafts";
import { ExpectedError } from "@/lib/errors";
import { readJson, withUser } from "@/lib/http/api";
import { LIMITS, enforceLimit } from "@/lib/rate-limit";
import { DraftSchema } from "@/lib/schemas/exercise";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ exerciseId: string }> };

async function exerciseFrom(context: Context) {
  const { exerciseId } = await context.params;
  const exercise = getExercise(exerciseId);
  if (!exercise) throw new ExpectedError(404, `There is no exercise "${exerciseId.slice(0, 80)}".`);
  return exercise;
}

export const GET = withUser<Context>(async ({ user, context }) => {
  const exercise = await exerciseFrom(context);
  return NextResponse.json({ draft: await getDraft(user.id, exercise.id) }, { headers: { "Cache-Control": "private, no-store" } });
});

export const PUT = withUser<Context>(async ({ request, user, context }) => {
  const exercise = await exerciseFrom(context);
  const body = await readJson(request, DraftSchema);
  await enforceLimit(`drafts:user:${user.id}`, LIMITS.draftSavesPerUser, "saving drafts");
  const draft = await saveDraft(user.id, exercise.id, body.code, new Date(body.editedAt));
  return NextResponse.json({ draft });
});
