import "server-only";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/guards";
import { hasRole, type RoleName } from "@/lib/auth/roles";
import { isRefusal } from "@/lib/errors";
import type { PublicUser } from "@/lib/users";

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
