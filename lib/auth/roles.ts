import { RefusalError } from "@/lib/errors";

// Pure role rules, shared by guards and tests. An admin can do what an instructor can, and an
// instructor what a learner can.
export const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;
export type RoleName = (typeof ROLES)[number];

const RANK: Record<RoleName, number> = { LEARNER: 0, INSTRUCTOR: 1, ADMIN: 2 };

export function hasRole(actual: RoleName, required: RoleName): boolean {
  return RANK[actual] >= RANK[required];
}

/** Signed out (401) or signed in without the role (403). */
export class AuthError extends RefusalError {
  constructor(
    override readonly status: 401 | 403,
    message: string,
  ) {
    super(status, message);
    this.name = "AuthError";
  }
}

export function assertRole(actual: RoleName, required: RoleName): void {
  if (!hasRole(actual, required)) {
    throw new AuthError(403, `This needs the ${required.toLowerCase()} role; your account is a ${actual.toLowerCase()}.`);
  }
}
