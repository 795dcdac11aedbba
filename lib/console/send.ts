import "server-only";
import type { Exercise } from "@/lib/content/load";
import { getCourse } from "@/lib/content/load";
import { operationsFrom, type ConsoleOperation } from "@/lib/console/openapi";
import { ExpectedError } from "@/lib/errors";
import { warmFramework } from "@/lib/runner/sandbox";
import type { ProbeRequest, RunRequest, RunResult } from "@/lib/runner/types";
import type { ConsoleInput } from "@/lib/schemas/console";

/** What POST /api/console answers: the run (its probe holds the response) and, for FastAPI, the app's operations. */
export interface ConsoleOutcome {
  result: RunResult;
  operations: ConsoleOperation[];
}

type Runner = { run(request: RunRequest, owner?: string): Promise<RunResult> };

/**
 * Sends one console request to the learner's app on the server engine: the app runs in its sandbox as for a
 * run, and the check sandbox sends the request (docs/decisions/0005-sandbox.md). A FastAPI app's OpenAPI
 * document is fetched in the same run. Nothing is stored.
 */
export async function sendConsoleRequest(exercise: Exercise, input: ConsoleInput, runner: Runner, owner?: string): Promise<ConsoleOutcome> {
  if (exercise.tests)
    throw new ExpectedError(400, "In this exercise your code is tests, not an app: there is no app to send a request to.");
  const support = getCourse().support;
  const probe: ProbeRequest = { ...input.request, openapi: warmFramework({ code: input.code, support }) === "fastapi" };
  const result = await runner.run({ code: input.code, checks: "", support, probe }, owner);
  if (result.status === "unavailable") throw new ExpectedError(503, result.message);
  const operations = operationsFrom(result.probe?.openapi);
  // The document itself can be large; the page gets its operations.
  const shown: RunResult = { ...result, probe: result.probe && { response: result.probe.response } };
  return { result: shown, operations };
}
