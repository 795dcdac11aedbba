"use server";

import { revalidatePath } from "next/cache";
import { firstIssue, formAction } from "@/lib/actions/define";
import { changeUserRole } from "@/lib/admin/roles";
import { SetRoleSchema } from "@/lib/schemas/admin";

export const setUserRoleAction = formAction(
  {
    name: "setUserRole",
    auth: { signInTo: "/admin", role: "ADMIN" },
    schema: SetRoleSchema,
    invalid: firstIssue,
    refusal: "Only admins can change roles.",
  },
  async ({ user, input }) => {
    const changed = await changeUserRole(user, input.userId, input.role); // RoleChangeError: its message
    revalidatePath("/admin");
    return { message: `${changed.email} is now ${changed.role.toLowerCase()}.` };
  },
);
