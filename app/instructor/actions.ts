"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { isRefusal } from "@/lib/errors";
import { archiveCohort, createCohort, removeLearner, restoreCohort, rotateInviteCode } from "@/lib/instructor/cohorts";
import { CohortRefSchema, CreateCohortSchema, RemoveLearnerSchema, RotateInviteSchema } from "@/lib/schemas/cohorts";
import { loggedAction } from "@/lib/http/action-log";

// Every action re-checks the user here and the data functions re-check the role and ownership:
// a server action is a public POST endpoint, whatever page it was rendered on.

export type CohortFormState = {
  ok?: boolean;
  error?: string;
  message?: string;
  fieldErrors?: Partial<Record<"name" | "description" | "expiresInDays", string[]>>;
  values?: { name?: string; description?: string };
  cohortId?: string;
};

/** Refusals all read the same, so an action never tells a stranger whether a cohort exists. */
const REFUSED = "That cohort was not found, or it is not yours.";

function fields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") out[key] = value;
  return out;
}

export const createCohortAction = loggedAction("createCohort", async (_prev: CohortFormState, formData: FormData): Promise<CohortFormState> => {
  const user = await requireUser("/instructor");
  const raw = fields(formData);
  const values = { name: raw.name, description: raw.description };
  const parsed = CreateCohortSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  try {
    const cohort = await createCohort(user, parsed.data);
    revalidatePath("/instructor");
    return { ok: true, cohortId: cohort.id, message: `Created “${cohort.name}”. Its invite code is ${cohort.inviteCode}.` };
  } catch (error) {
    if (isRefusal(error)) return { error: "Only instructors can create cohorts.", values };
    throw error;
  }
});

export const rotateInviteCodeAction = loggedAction("rotateInviteCode", async (_prev: CohortFormState, formData: FormData): Promise<CohortFormState> => {
  const user = await requireUser("/instructor");
  const parsed = RotateInviteSchema.safeParse(fields(formData));
  if (!parsed.success) return { error: REFUSED };
  try {
    const cohort = await rotateInviteCode(user, parsed.data.cohortId, parsed.data.expiresInDays);
    revalidatePath(`/instructor/cohorts/${cohort.id}`);
    return { ok: true, message: `New invite code: ${cohort.inviteCode}. The old code no longer works.` };
  } catch (error) {
    if (isRefusal(error)) return { error: REFUSED };
    throw error;
  }
});

async function changeCohortState(formData: FormData, change: typeof archiveCohort, message: string): Promise<CohortFormState> {
  const user = await requireUser("/instructor");
  const parsed = CohortRefSchema.safeParse(fields(formData));
  if (!parsed.success) return { error: REFUSED };
  try {
    await change(user, parsed.data.cohortId);
    revalidatePath("/instructor");
    revalidatePath(`/instructor/cohorts/${parsed.data.cohortId}`);
    return { ok: true, message };
  } catch (error) {
    if (isRefusal(error)) return { error: REFUSED };
    throw error;
  }
}

export const archiveCohortAction = loggedAction("archiveCohort", (_prev: CohortFormState, formData: FormData) =>
  changeCohortState(formData, archiveCohort, "Cohort archived. Its invite code no longer admits anyone; its records stay."),
);

export const restoreCohortAction = loggedAction("restoreCohort", (_prev: CohortFormState, formData: FormData) =>
  changeCohortState(formData, restoreCohort, "Cohort restored. Its invite code admits learners again."),
);

export const removeLearnerAction = loggedAction("removeLearner", async (_prev: CohortFormState, formData: FormData): Promise<CohortFormState> => {
  const user = await requireUser("/instructor");
  const parsed = RemoveLearnerSchema.safeParse(fields(formData));
  if (!parsed.success) return { error: REFUSED };
  try {
    await removeLearner(user, parsed.data.cohortId, parsed.data.userId);
    revalidatePath(`/instructor/cohorts/${parsed.data.cohortId}`);
    return { ok: true, message: "Learner removed from the cohort. Their own progress is kept." };
  } catch (error) {
    if (isRefusal(error)) return { error: REFUSED };
    throw error;
  }
});
