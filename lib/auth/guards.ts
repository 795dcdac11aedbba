import "server-only";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { AuthError, assertRole, hasRole, type RoleName } from "@/lib/auth/roles";
import { isRefusal } from "@/lib/errors";
import { noteLogUser } from "@/lib/log";
import { getUserById, type PublicUser } from "@/lib/users";

// Every guard re-reads the user (and role) from the database. Server actions declare theirs in the
// action pipeline (lib/actions/define.ts), route handlers in withUser (lib/http/api.ts), pages call
// requireUser or requirePageRole.

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

/** The id of the session making this request (its UserSession row), to keep it when ending the others. */
export async function getCurrentSessionId(): Promise<string | undefined> {
  return (await auth())?.sessionId;
}

/** For pages and server actions: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(callbackUrl = "/dashboard"): Promise<PublicUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}

/** For route handlers: the user or an AuthError (401, or 403 below `role`) to turn into a JSON response. */
export async function requireApiUser(role: RoleName = "LEARNER"): Promise<PublicUser> {
  const user = await getSessionUser();
  if (!user) throw new AuthError(401, "Sign in to do this.");
  assertRole(user.role, role);
  return user;
}

/**
 * For pages: signed out → sign-in (and back here); signed in without the role → 404, so an
 * instructor page looks exactly like a page that does not exist.
 */
export async function requirePageRole(role: RoleName, callbackUrl: string): Promise<PublicUser> {
  const user = await requireUser(callbackUrl);
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
