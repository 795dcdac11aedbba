import "server-only";
import type { RoleName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { assertAdmin, type Viewer } from "@/lib/instructor/access";

// Role changes, for the admin page. The command line does the same through setUserRole (lib/users).

export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  role: RoleName;
  createdAt: Date;
}

export const ADMIN_LIST_LIMIT = 100;

/** Users matching `search` in name or email (everyone when empty), newest first, at most 100. */
export async function listUsersForAdmin(viewer: Viewer, search = ""): Promise<AdminUserRow[]> {
  assertAdmin(viewer);
  const term = search.trim();
  return db.user.findMany({
    where: term ? { OR: [{ email: { contains: term.toLowerCase() } }, { name: { contains: term } }] } : {},
    select: { id: true, name: true, email: true, role: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: ADMIN_LIST_LIMIT,
  });
}

export class RoleChangeError extends ExpectedError {
  constructor(status: 404 | 409, message: string) {
    super(status, message);
    this.name = "RoleChangeError";
  }
}

/**
 * Sets a user's role. It applies on their next request: guards re-read the role every time.
 * An admin cannot change their own role here, so the last admin cannot lock everyone out by a slip.
 */
export async function changeUserRole(viewer: Viewer, userId: string, role: RoleName): Promise<AdminUserRow> {
  assertAdmin(viewer);
  if (userId === viewer.id) {
    throw new RoleChangeError(409, "You cannot change your own role here. Ask another admin, or use `npm run user:role`.");
  }
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { role } });
  if (count === 0) throw new RoleChangeError(404, "That account no longer exists.");
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, createdAt: true } });
}
