"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/define";
import { archiveCohort, createCohort, removeLearner, restoreCohort, rotateInviteCode } from "@/lib/instructor/cohorts";
import { CohortRefSchema, CreateCohortSchema, RemoveLearnerSchema, RotateInviteSchema } from "@/lib/schemas/cohorts";

// The pipeline checks the user and role; the data functions check the role and ownership again:
// a server action is a public POST endpoint, whatever page it was rendered on.

/** Refusals all read the same, so an action never tells a stranger whether a cohort exists. */
const REFUSED = "That cohort was not found, or it is not yours.";
const INSTRUCTOR = { signInTo: "/instructor", role: "INSTRUCTOR" } as const;
/** Forms about one cohort: their fields are hidden, so a bad value is a refusal too. */
const ABOUT_A_COHORT = { auth: INSTRUCTOR, invalid: REFUSED, refusal: REFUSED } as const;

export const createCohortAction = formAction(
  {
    name: "createCohort",
    auth: INSTRUCTOR,
    schema: CreateCohortSchema,
    keep: ["name", "description"],
    refusal: "Only instructors can create cohorts.",
  },
  async ({ user, input }) => {
    const cohort = await createCohort(user, input);
    revalidatePath("/instructor");
    return { cohortId: cohort.id, message: `Created “${cohort.name}”. Its invite code is ${cohort.inviteCode}.` };
  },
);

export const rotateInviteCodeAction = formAction(
  { name: "rotateInviteCode", schema: RotateInviteSchema, ...ABOUT_A_COHORT },
  async ({ user, input }) => {
    const cohort = await rotateInviteCode(user, input.cohortId, input.expiresInDays);
    revalidatePath(`/instructor/cohorts/${cohort.id}`);
    return { message: `New invite code: ${cohort.inviteCode}. The old code no longer works.` };
  },
);

export const archiveCohortAction = formAction(
  { name: "archiveCohort", schema: CohortRefSchema, ...ABOUT_A_COHORT },
  async ({ user, input }) => {
    await archiveCohort(user, input.cohortId);
    revalidatePath("/instructor");
    revalidatePath(`/instructor/cohorts/${input.cohortId}`);
    return { message: "Cohort archived. Its invite code no longer admits anyone; its records stay." };
  },
);

export const restoreCohortAction = formAction(
  { name: "restoreCohort", schema: CohortRefSchema, ...ABOUT_A_COHORT },
  async ({ user, input }) => {
    await restoreCohort(user, input.cohortId);
    revalidatePath("/instructor");
    revalidatePath(`/instructor/cohorts/${input.cohortId}`);
    return { message: "Cohort restored. Its invite code admits learners again." };
  },
);

export const removeLearnerAction = formAction(
  { name: "removeLearner", schema: RemoveLearnerSchema, ...ABOUT_A_COHORT },
  async ({ user, input }) => {
    await removeLearner(user, input.cohortId, input.userId);
    revalidatePath(`/instructor/cohorts/${input.cohortId}`);
    return { message: "Learner removed from the cohort. Their own progress is kept." };
  },
);
