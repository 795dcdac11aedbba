"use server";

import { revalidatePath } from "next/cache";
import { firstIssue, formAction } from "@/lib/actions/define";
import { joinCohortByCode } from "@/lib/instructor/cohorts";
import { JoinCodeSchema } from "@/lib/schemas/cohorts";

/** A learner joins a cohort with its invite code; signed out, they sign in and come back to the filled-in form. */
export const joinCohortAction = formAction(
  {
    name: "joinCohort",
    auth: { signInTo: (fields) => `/join?code=${encodeURIComponent((fields.code ?? "").slice(0, 40))}` },
    schema: JoinCodeSchema,
    invalid: firstIssue,
    keep: ["code"],
  },
  async ({ user, input }) => {
    const outcome = await joinCohortByCode(user.id, input.code); // JoinError: its message
    revalidatePath("/dashboard");
    return {
      code: input.code,
      message: outcome.alreadyMember ? `You are already in ${outcome.cohortName}.` : `You joined ${outcome.cohortName}.`,
    };
  },
);
