import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/guards";
import { AuthError, assertRole, type RoleName } from "@/lib/auth/roles";
import { describeZodError } from "@/lib/http/errors";
import { log, requestIdFrom } from "@/lib/log";
import { OwnerBusyError, QueueFullError } from "@/lib/runner/queue";
import type { PublicUser } from "@/lib/users";

/** An error whose message is safe and useful to show to the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function jsonError(status: number, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: message }, { status, headers });
}

export { describeZodError };

type Handler<C> = (args: { request: Request; user: PublicUser; context: C }) => Promise<Response>;

/**
 * Every authenticated route handler goes through this wrapper, so the user and role check cannot be
 * forgotten: it resolves the user, enforces the role, and maps known errors to JSON responses.
 */
export function withUser<C = unknown>(handler: Handler<C>, options: { role?: RoleName } = {}) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    let userId: string | undefined;
    let response: Response;
    try {
      const user = await getSessionUser();
      if (!user) throw new AuthError(401, "Sign in to do this.");
      userId = user.id;
      assertRole(user.role, options.role ?? "LEARNER");
      response = await handler({ request, user, context });
    } catch (error) {
      response = errorResponse(error, { requestId, route, userId });
    }
    const durationMs = Math.round(performance.now() - started);
    log(response.status >= 500 ? "error" : "info", "request", { requestId, userId, route, status: response.status, durationMs });
    response.headers.set("X-Request-Id", requestId);
    return response;
  };
}

export function errorResponse(error: unknown, fields: Record<string, unknown> = {}): Response {
  if (error instanceof AuthError) return jsonError(error.status, error.message);
  if (error instanceof HttpError) return jsonError(error.status, error.message, error.headers);
  if (error instanceof z.ZodError) return jsonError(400, describeZodError(error));
  if (error instanceof QueueFullError) return jsonError(503, error.message, { "Retry-After": String(error.retryAfterSeconds) });
  if (error instanceof OwnerBusyError) return jsonError(429, error.message, { "Retry-After": String(error.retryAfterSeconds) });
  log("error", "unhandled error in route handler", { ...fields, error });
  return jsonError(500, "Something went wrong on our side. Please try again.");
}

/** Reads a JSON body and validates it, with a 400 that says what is wrong. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, "The request body must be valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
  return parsed.data;
}
