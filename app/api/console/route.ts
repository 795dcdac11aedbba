// POST /api/console - send one request composed in the request console to the learner's app (server sandbox, run budget)
import { NextResponse } from "next/server";
import { getExercise } from "@/lib/content/queries";
import { sendConsoleRequest } from "@/lib/console/send";
import { enforceRunLimits } from "@/lib/exercises/run-limits";
import { ExpectedError } from "@/lib/errors";
import { readJson, withUser } from "@/lib/http/api";
import { serverRunner } from "@/lib/runner/server-runner";
import { ConsoleSchema } from "@/lib/schemas/console";

export const dynamic = "force-dynamic";

export const POST = withUser(async ({ request, user }) => {
  const body = await readJson(request, ConsoleSchema);
  const exercise = getExercise(body.exerciseId);
  if (!exercise) throw new ExpectedError(404, `There is no exercise "${body.exerciseId}".`);
  await enforceRunLimits(user.id, request.headers);
  return NextResponse.json(await sendConsoleRequest(exercise, body, serverRunner, user.id));
});
