import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/guards";
import type { RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-ip";
import { describeZodError } from "@/lib/http/errors";
import { log, requestIdFrom, runWithLogContext, type LogContext } from "@/lib/log";
import type { PublicUser } from "@/lib/users";

export function jsonError(status: number, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: message }, { status, headers });
}

export { describeZodError };

type RouteHandler<C> = (args: { request: Request; context: C }) => Promise<Response>;
type UserHandler<C> = (args: { request: Request; user: PublicUser; context: C }) => Promise<Response>;

/**
 * Every route handler goes through this wrapper: a request id (X-Request-Id), one log line with the
 * user a guard verified (if any), status and duration, and expected errors mapped to JSON responses.
 */
export function withRoute<C = unknown>(handler: RouteHandler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const logContext: LogContext = {};
    let response: Response;
    try {
      response = await runWithLogContext(logContext, () => handler({ request, context }));
    } catch (error) {
      response = errorResponse(error, { requestId, route, userId: logContext.userId });
    }
    const durationMs = Math.round(performance.now() - started);
    log(response.status >= 500 ? "error" : "info", "request", {
      requestId,
      ip: clientAddress(request.headers),
      userId: logContext.userId,
      route,
      status: response.status,
      durationMs,
    });
    response.headers.set("X-Request-Id", requestId);
    return response;
  };
}

/**
 * Every authenticated route handler goes through this one, so the user and role check cannot be
 * forgotten: withRoute, then the signed-in user (401) with at least `role` (403).
 */
export function withUser<C = unknown>(handler: UserHandler<C>, options: { role?: RoleName } = {}) {
  return withRoute<C>(async ({ request, context }) => {
    const user = await requireApiUser(options.role ?? "LEARNER");
    return handler({ request, user, context });
  });
}

export function errorResponse(error: unknown, fields: Record<string, unknown> = {}): Response {
  if (error instanceof ExpectedError) return jsonError(error.status, error.message, error.headers);
  if (error instanceof z.ZodError) return jsonError(400, describeZodError(error));
  log("error", "unhandled error in route handler", { ...fields, error });
  return jsonError(500, "Something went wrong on our side. Please try again.");
}

/** Reads a JSON body and validates it, with a 400 that says what is wrong. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ExpectedError(400, "The request body must be valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ExpectedError(400, describeZodError(parsed.error));
  return parsed.data;
}
