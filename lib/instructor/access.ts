import "server-only";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/guards";
import { AuthError, assertRole, hasRole, type RoleName } from "@/lib/auth/roles";
import { HttpError } from "@/lib/http/api";
import type { PublicUser } from "@/lib/users";

/**
 * Who is asking. Every instructor data function takes one, checks the role itself and scopes each
 * query by `ownerId: viewer.id`, so a page, action or route that forgot its own guard still leaks nothing.
 * The viewer comes from a guard that re-read the user from the database on this request.
 */
export type Viewer = Pick<PublicUser, "id" | "role">;

/**
 * The one refusal for "no such cohort", "not your cohort" and "not in your cohort": the same status
 * and message for all three, so a refusal never tells whether a cohort or learner exists.
 */
export class CohortNotFoundError extends HttpError {
  constructor() {
    super(404, "No cohort of yours matches that link.");
    this.name = "CohortNotFoundError";
  }
}

export function assertInstructor(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new AuthError(401, "Sign in to do this.");
  assertRole(viewer.role, "INSTRUCTOR");
}

export function assertAdmin(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new AuthError(401, "Sign in to do this.");
  assertRole(viewer.role, "ADMIN");
}

/** True for the refusals that pages turn into a 404 and actions into a generic error. */
export function isRefusal(error: unknown): error is AuthError | CohortNotFoundError {
  return error instanceof AuthError || error instanceof CohortNotFoundError;
}

/**
 * For pages: signed out → sign-in (and back here); signed in without the role → 404, so an
 * instructor page looks exactly like a page that does not exist.
 */
export async function requirePageRole(role: RoleName, callbackUrl: string): Promise<PublicUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!hasRole(user.role, role)) notFound();
  return user;
}

/** For pages: runs a data function and turns its refusals into the same 404 as a missing page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}
