// POST /api/runs - run learner code against an exercise's checks in the server sandbox (not graded)
import { NextResponse } from "next/server";
import { getExercise } from "@/lib/content/queries";
import { runExercise } from "@/lib/exercises/submissions";
import { enforceRunLimits } from "@/lib/exercises/run-limits";
import { ExpectedError } from "@/lib/errors";
import { readJson, withUser } from "@/lib/http/api";
import { serverRunner } from "@/lib/runner/server-runner";
import { RunSchema } from "@/lib/schemas/exercise";

export const dynamic = "force-dynamic";

export const POST = withUser(async ({ request, user }) => {
  const body = await readJson(request, RunSchema);
  const exercise = getExercise(body.exerciseId);
  if (!exercise) throw new ExpectedError(404, `There is no exercise "${body.exerciseId}".`);
  await enforceRunLimits(user.id, request.headers);
  const result = await runExercise(exercise, body.code, serverRunner, user.id);
  return NextResponse.json({ result });
});
