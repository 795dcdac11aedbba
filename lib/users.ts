import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { ExpectedError } from "@/lib/errors";
import { hashPassword, timingSafeDummyVerify, verifyPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/auth/roles";
import type { SignUp } from "@/lib/schemas/auth";

export type PublicUser = { id: string; email: string; name: string; role: RoleName; sessionVersion: number };

const publicFields = { id: true, email: true, name: true, role: true, sessionVersion: true } as const;

export class DuplicateEmailError extends ExpectedError {
  constructor() {
    super(409, "An account with this email already exists. Sign in instead, or use another email.", {}, "email");
    this.name = "DuplicateEmailError";
  }
}

/** Creates a learner account. Input must already be validated by SignUpSchema. */
export async function createUser(input: SignUp, role: RoleName = "LEARNER"): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email: input.email, name: input.name, passwordHash, role },
      select: publicFields,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateEmailError();
    throw error;
  }
}

/** Returns the user when the password matches; null otherwise, in the same time either way. */
export async function verifyCredentials(email: string, password: string): Promise<PublicUser | null> {
  const user = await db.user.findUnique({ where: { email }, select: { ...publicFields, passwordHash: true } });
  if (!user) return timingSafeDummyVerify(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  const { passwordHash: _omit, ...rest } = user;
  void _omit;
  return rest;
}

export function getUserById(id: string): Promise<PublicUser | null> {
  return db.user.findUnique({ where: { id }, select: publicFields });
}

/** Ends every session of this user: tokens carry the old version and are refused from now on. */
export async function revokeSessions(userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
    db.userSession.deleteMany({ where: { userId } }),
  ]);
}

export async function setUserRole(email: string, role: RoleName): Promise<PublicUser> {
  return db.user.update({ where: { email: email.toLowerCase() }, data: { role }, select: publicFields });
}
