// POST /api/submissions - grade learner code in the server sandbox and store the verdict
import { NextResponse } from "next/server";
import { getExercise } from "@/lib/content/queries";
import { pruneSubmissions } from "@/lib/exercises/retention";
import { enforceRunLimits } from "@/lib/exercises/run-limits";
import { submitExercise } from "@/lib/exercises/submissions";
import { ExpectedError } from "@/lib/errors";
import { readJson, withUser } from "@/lib/http/api";
import { serverRunner } from "@/lib/runner/server-runner";
import { SubmitSchema } from "@/lib/schemas/exercise";

export const dynamic = "force-dynamic";

export const POST = withUser(async ({ request, user }) => {
  const body = await readJson(request, SubmitSchema);
  const exercise = getExercise(body.exerciseId);
  if (!exercise) throw new ExpectedError(404, `There is no exercise "${body.exerciseId}".`);
  await enforceRunLimits(user.id, request.headers);
  const outcome = await submitExercise(user.id, exercise, body.code, body.submitKey, serverRunner);
  await pruneSubmissions(user.id, exercise.id);
  return NextResponse.json(outcome);
});
