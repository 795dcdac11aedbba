import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { AuthError, assertRole, type RoleName } from "@/lib/auth/roles";
import { noteLogUser } from "@/lib/log";
import { getUserById, type PublicUser } from "@/lib/users";

/**
 * The signed-in user, re-read from the database, or null. A token whose session version is
 * older than the user's (they signed out) or whose user no longer exists counts as signed out.
 */
export async function getSessionUser(): Promise<PublicUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const user = await getUserById(session.user.id);
  if (!user || user.sessionVersion !== session.sessionVersion) return null;
  noteLogUser(user.id);
  return user;
}

/** For pages and server actions: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(callbackUrl = "/dashboard"): Promise<PublicUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}

/** For pages and server actions: the user if their role is at least `role`; AuthError(403) otherwise. */
export async function requireRole(role: RoleName, callbackUrl?: string): Promise<PublicUser> {
  const user = await requireUser(callbackUrl);
  assertRole(user.role, role);
  return user;
}

/** For route handlers: the user or an AuthError(401) to turn into a JSON response. */
export async function requireApiUser(role: RoleName = "LEARNER"): Promise<PublicUser> {
  const user = await getSessionUser();
  if (!user) throw new AuthError(401, "Sign in to do this.");
  assertRole(user.role, role);
  return user;
}
