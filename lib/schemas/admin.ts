import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { RecordIdSchema } from "@/lib/schemas/cohorts";

// Shared by the admin page, its role form and the role action. No server imports here.

export const SetRoleSchema = z.object({
  userId: RecordIdSchema,
  role: z.enum(ROLES, { error: "Choose learner, instructor or admin." }),
});

export const AdminUserSearchSchema = z.object({
  q: z.string().trim().max(100).default("").catch(""),
});
