import "server-only";
import { AuthError, assertRole } from "@/lib/auth/roles";
import { RefusalError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users";

// Authorization for the instructor and admin data functions. No Next or session imports here, so
// the data layer is tested directly; page guards are in lib/auth/guards.ts.

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
export class CohortNotFoundError extends RefusalError {
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
