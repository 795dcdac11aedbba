"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guards";
import { isRefusal } from "@/lib/errors";
import { changeUserRole, RoleChangeError } from "@/lib/instructor/admin";
import { SetRoleSchema } from "@/lib/schemas/cohorts";
import { loggedAction } from "@/lib/http/action-log";

export type RoleFormState = { ok?: boolean; error?: string; message?: string };

export const setUserRoleAction = loggedAction("setUserRole", async (_prev: RoleFormState, formData: FormData): Promise<RoleFormState> => {
  const user = await requireUser("/admin");
  const parsed = SetRoleSchema.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "That request was not understood." };
  try {
    const changed = await changeUserRole(user, parsed.data.userId, parsed.data.role);
    revalidatePath("/admin");
    return { ok: true, message: `${changed.email} is now ${changed.role.toLowerCase()}.` };
  } catch (error) {
    if (isRefusal(error)) return { error: "Only admins can change roles." };
    if (error instanceof RoleChangeError) return { error: error.message };
    throw error;
  }
});
