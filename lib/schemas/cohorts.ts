import { z } from "zod";
import { TRACK_IDS } from "@/lib/content/schema";

// Shared by the instructor and join forms and their server actions. No server imports here.

/** Database ids (cuid): only letters and digits, so nothing odd reaches a query or a URL. */
export const RecordIdSchema = z
  .string({ error: "An id is missing." })
  .trim()
  .regex(/^[a-z0-9]{1,40}$/i, "That id is not valid.");

const EXPIRY_DAYS = ["", "7", "30", "90"] as const;

/** "" means the code never expires. */
export const InviteExpirySchema = z
  .enum(EXPIRY_DAYS, { error: "Choose how long the invite code stays valid." })
  .optional()
  .transform((value) => (value ? Number(value) : null));

export const CreateCohortSchema = z.object({
  name: z.string({ error: "Give the cohort a name." }).trim().min(1, "Give the cohort a name.").max(80, "Use at most 80 characters."),
  description: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .optional()
    .transform((value) => value || null),
  expiresInDays: InviteExpirySchema,
});
export type CreateCohort = z.infer<typeof CreateCohortSchema>;

export const CohortRefSchema = z.object({ cohortId: RecordIdSchema });

export const RotateInviteSchema = z.object({ cohortId: RecordIdSchema, expiresInDays: InviteExpirySchema });

export const RemoveLearnerSchema = z.object({ cohortId: RecordIdSchema, userId: RecordIdSchema });

/** Invite codes are shown upper case with dashes; people type them in any case, with stray spaces. */
export const JoinCodeSchema = z.object({
  code: z
    .string({ error: "Enter the invite code your instructor gave you." })
    .transform((value) => value.replace(/\s+/g, "").toUpperCase())
    .pipe(
      z
        .string()
        .min(1, "Enter the invite code your instructor gave you.")
        .max(40, "That invite code is too long. Check it and try again.")
        .regex(/^[A-Z0-9-]+$/, "Invite codes use only letters, digits and dashes. Check it and try again."),
    ),
});
export type JoinCode = z.infer<typeof JoinCodeSchema>;

export const DASHBOARD_SORTS = ["name", "progress", "activity", "risk"] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

/** ?track=&sort=&activity=&page= on the cohort dashboard. Bad values fall back to defaults, never to an error page. */
export const DashboardQuerySchema = z.object({
  track: z.enum(TRACK_IDS).optional().catch(undefined),
  sort: z.enum(DASHBOARD_SORTS).default("name").catch("name"),
  activity: z.enum(["day", "week"]).default("day").catch("day"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;
